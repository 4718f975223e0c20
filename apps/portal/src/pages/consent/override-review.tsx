/**
 * The manager's review of safeguarding overrides: every override on people in
 * the manager's caseload or team in a chosen period, who was let through, by
 * whom and why, and what was read under it (from the audit log: when and
 * which fields — never the values).
 */
import { Select, Table, Tag } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDateTime } from "../../lib/format.js";
import { api } from "../../lib/trpc.js";

const FIELD_LABEL: Record<string, string> = {
  addressLine1: "address",
  addressLine2: "address",
  town: "address",
  postcode: "address",
  phone: "phone",
  email: "email",
  safeToCall: "safe to call",
  safeTimes: "safe times",
  preferredChannel: "preferred channel",
  unsafePeople: "unsafe people",
  notes: "notes",
  confidentiality: "confidentiality",
};
const fieldsRead = (fields: string[]) => [...new Set(fields.map((f) => FIELD_LABEL[f] ?? f))].join(", ") || "nothing recorded";

export default function OverrideReviewPage() {
  const auth = useAuth();
  const [days, setDays] = useState(30);
  const q = useQuery({ ...api.people.overrides.review.queryOptions({ days }), enabled: auth.can("override:read") });
  if (!auth.can("override:read")) {
    return (
      <Page title="Review safeguarding overrides">
        <p className="govuk-body">Only a manager can review safeguarding overrides.</p>
      </Page>
    );
  }
  return (
    <Page title="Review safeguarding overrides" caption="Information barrier">
      <p className="govuk-body">Every override on people in your caseload or team, and what was read under it. Each view of this page is recorded in the audit log.</p>
      <Select
        id="review-days"
        label="Recorded in the last"
        value={String(days)}
        onChange={(e) => setDays(Number(e.target.value))}
        options={[7, 30, 90, 365].map((d) => ({ value: String(d), label: `${d} days` }))}
      />
      {q.isPending ? (
        <Loading what="Loading overrides" />
      ) : q.isError ? (
        <QueryError error={q.error} what="Overrides" />
      ) : q.data.items.length === 0 ? (
        <p className="govuk-body">No overrides were recorded in the last {days} days.</p>
      ) : (
        <Table
          caption={`${q.data.items.length} override${q.data.items.length === 1 ? "" : "s"} in the last ${days} days`}
          captionSize="m"
          rows={q.data.items}
          rowKey={(o) => o.id}
          columns={[
            { header: "Person", cell: (o) => `${o.subject.firstName} ${o.subject.lastName} (${o.subject.reference})` },
            { header: "Let through", cell: (o) => o.grantedTo.name },
            { header: "By", cell: (o) => o.authorisedBy.name },
            { header: "Reason", cell: (o) => o.reason },
            { header: "Recorded", cell: (o) => formatDateTime(String(o.createdAt)) },
            { header: "State", cell: (o) => <Tag colour={o.status === "in force" ? "red" : "grey"}>{o.status}</Tag> },
            {
              header: "Read under it",
              cell: (o) =>
                o.reads.length === 0 ? (
                  "Nothing read"
                ) : (
                  <ul className="govuk-list">
                    {o.reads.map((r, i) => (
                      <li key={i}>
                        {formatDateTime(String(r.at))}: {fieldsRead(r.fields)}
                      </li>
                    ))}
                  </ul>
                ),
            },
          ]}
        />
      )}
    </Page>
  );
}
