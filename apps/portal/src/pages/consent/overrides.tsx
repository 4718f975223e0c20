/**
 * Safeguarding overrides (managers only): let a named member of staff through
 * the information barrier to one person's contact details for a limited time
 * (15 minutes to 3 hours), with a reason. Every override, view and revocation
 * is in the audit log; overrides expire on their own and can be revoked.
 */
import { MIN_OVERRIDE_REASON } from "@evident/core";
import { InsetText, NotificationBanner, Select, Table, Tag, Textarea, WarningText } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { ROLE_LABEL, useAuth } from "../../lib/auth.js";
import { FAMILY_ROLE_LABEL, formatDateTime } from "../../lib/format.js";
import { RecordFormFrame, useRecordForm } from "../../lib/record-form.js";
import type { FamilyDetail, FamilyPerson } from "../../lib/shapes.js";
import { api, type RouterOutputs } from "../../lib/trpc.js";
import { personName } from "./consent.js";

type Override = RouterOutputs["people"]["overrides"]["list"][number];

const ZForm = z.object({
  userId: z.string().min(1, "Select the member of staff to let through"),
  reason: z.string().trim().min(MIN_OVERRIDE_REASON, `Give the safeguarding reason (at least ${MIN_OVERRIDE_REASON} characters)`).max(1000, "The reason must be 1,000 characters or fewer"),
  minutes: z.string().min(1, "Select how long the override lasts"),
});
type TForm = z.infer<typeof ZForm>;

function state(o: Override, now: number) {
  if (o.revokedAt) return <Tag colour="grey">Revoked {formatDateTime(String(o.revokedAt))}</Tag>;
  if (new Date(o.expiresAt).getTime() <= now) return <Tag colour="grey">Expired</Tag>;
  return <Tag colour="red">Active until {formatDateTime(String(o.expiresAt))}</Tag>;
}

function PersonOverrides({ person, onSaved }: { person: FamilyPerson; onSaved: (t: string) => void }) {
  const queryClient = useQueryClient();
  const list = useQuery(api.people.overrides.list.queryOptions({ personId: person.id }));
  const grantees = useQuery(api.people.overrides.grantees.queryOptions());
  const create = useMutation(api.people.overrides.create.mutationOptions());
  const revoke = useMutation(api.people.overrides.revoke.mutationOptions());
  const ids = { userId: `o-${person.id}-user`, reason: `o-${person.id}-reason`, minutes: `o-${person.id}-minutes` };
  const rf = useRecordForm<TForm>({ key: `override:${person.id}`, schema: ZForm, empty: { userId: "", reason: "", minutes: "60" }, ids });
  const { form, errors } = rf;
  const name = personName(person);
  const onSubmit = form.handleSubmit(async (v) => {
    rf.setProblem(null);
    try {
      await create.mutateAsync({ personId: person.id, userId: v.userId, reason: v.reason.trim(), minutes: Number(v.minutes) });
      rf.saved();
      await queryClient.invalidateQueries({ queryKey: api.people.overrides.pathKey() });
      onSaved(`Override recorded: ${grantees.data?.items.find((g) => g.id === v.userId)?.name ?? "the member of staff"} can see ${name}'s contact details for ${v.minutes} minutes`);
    } catch (error) {
      rf.failed(error, v, {
        otherwise: (info) => {
          if (info.code !== "BAD_REQUEST") return false;
          form.setError(/reason/.test(info.message) ? "reason" : /hour/.test(info.message) ? "minutes" : "userId", { type: "server", message: info.message.replace(/^./, (c) => c.toUpperCase()) });
          return true;
        },
      });
    }
  });
  const now = Date.now();
  return (
    <section aria-labelledby={`h-${person.id}`} className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id={`h-${person.id}`}>
        {name} <span className="govuk-caption-m">{FAMILY_ROLE_LABEL[person.familyRole] ?? person.familyRole}</span>
      </h2>
      {list.isPending ? (
        <Loading what="Loading overrides" />
      ) : list.isError ? (
        <QueryError error={list.error} what="Overrides" />
      ) : list.data.length === 0 ? (
        <p className="govuk-body">No overrides have been recorded for {name}.</p>
      ) : (
        <Table
          caption={`Overrides for ${name}`}
          captionSize="s"
          rows={list.data}
          rowKey={(o) => o.id}
          columns={[
            { header: "Let through", cell: (o) => (o.grantedTo as { name: string }).name },
            { header: "By", cell: (o) => (o.authorisedBy as { name: string }).name },
            { header: "Reason", cell: (o) => o.reason },
            { header: "Recorded", cell: (o) => formatDateTime(String(o.createdAt)) },
            { header: "State", cell: (o) => state(o, now) },
            {
              header: "Action",
              cell: (o) =>
                !o.revokedAt && new Date(o.expiresAt).getTime() > now ? (
                  <button
                    type="button"
                    className="app-sort-button"
                    onClick={async () => {
                      await revoke.mutateAsync({ id: o.id });
                      await queryClient.invalidateQueries({ queryKey: api.people.overrides.pathKey() });
                      onSaved(`Override for ${(o.grantedTo as { name: string }).name} revoked`);
                    }}
                  >
                    Revoke<span className="govuk-visually-hidden"> the override for {(o.grantedTo as { name: string }).name}</span>
                  </button>
                ) : null,
            },
          ]}
        />
      )}
      <RecordFormFrame label={`Record a safeguarding override for ${name}`} heading="Record an override" onSubmit={onSubmit} {...rf.frame} submit="Record override" submitVariant="warning">
        <Select
          id={ids.userId}
          label="Member of staff to let through"
          error={errors.userId?.message}
          options={[
            { value: "", label: grantees.isPending ? "Loading…" : "Select a member of staff" },
            ...(grantees.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name} – ${ROLE_LABEL[g.role] ?? g.role}${g.sameTeam ? "" : " (another team)"}` })),
          ]}
          {...form.register("userId")}
        />
        <Textarea id={ids.reason} label="Safeguarding reason" hint="Why a child or adult is at risk and why this person needs the contact details now. This is recorded in the audit log." rows={3} error={errors.reason?.message} {...form.register("reason")} />
        <Select
          id={ids.minutes}
          label="Lasts for"
          error={errors.minutes?.message}
          options={[15, 30, 60, 120, 180].map((m) => ({ value: String(m), label: m < 60 ? `${m} minutes` : `${m / 60} hour${m === 60 ? "" : "s"}` }))}
          {...form.register("minutes")}
        />
      </RecordFormFrame>
    </section>
  );
}

export default function OverridesPage() {
  const { id = "" } = useParams();
  const auth = useAuth();
  const [saved, setSaved] = useState<string | null>(null);
  const family = useQuery(api.families.get.queryOptions({ id }));
  if (!auth.can("override:write")) {
    return (
      <Page title="Safeguarding overrides">
        <p className="govuk-body">Only a manager can record a safeguarding override.</p>
      </Page>
    );
  }
  if (family.isPending) return <Loading what="Loading the family" />;
  if (family.isError) return <QueryError error={family.error} what="This family" />;
  const f = family.data as FamilyDetail;
  const adults = f.people.filter((p) => p.kind !== "child");
  return (
    <Page title="Safeguarding overrides" caption={`${f.name} (${f.reference})`}>
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/families/${f.id}`}>
          Back to the family
        </Link>
      </p>
      <WarningText>An override lets one member of staff see a protected person&apos;s address and safe-contact details. Use it only when someone is at risk.</WarningText>
      <InsetText>Overrides last at most 3 hours and end on their own. The reason, who recorded it, and every view of the contact details are in the audit log.</InsetText>
      {adults.length === 0 ? <p className="govuk-body">No adults are recorded in this family.</p> : adults.map((p) => <PersonOverrides key={p.id} person={p} onSaved={setSaved} />)}
    </Page>
  );
}
