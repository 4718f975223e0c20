/**
 * The audit log (administrators): who did what to which record or person, when,
 * and with what outcome; filtered by user, record (found by name, or its id typed
 * under Advanced), action, outcome and dates; exported as CSV (formula-safe).
 * Viewing, exporting and searching are audited too.
 */
import { AUDIT_OUTCOME_LABELS, AUDIT_OUTCOMES, auditActionLabel, labelOf, recordTypeLabel } from "@evident/core";
import { Button, DateInput, dateRangeErrors, Details, ErrorSummary, Input, Select, Table, Tag } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { api, client, errorInfo, type RouterInputs, type RouterOutputs } from "../../lib/trpc.js";
import { RecordPicker } from "./audit-picker.js";

type Row = RouterOutputs["admin"]["audit"]["list"]["items"][number];
type Filters = Omit<RouterInputs["admin"]["audit"]["list"], "cursor" | "limit">;
const OUTCOME = { success: "green", denied: "red", failure: "orange" } as const;

export default function AuditLogPage() {
  const [filters, setFilters] = useState<Filters>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [picked, setPicked] = useState("");
  const [tried, setTried] = useState(false);
  const users = useQuery(api.admin.users.list.queryOptions({ limit: 100 }));
  const q = useQuery({ ...api.admin.audit.list.queryOptions({ limit: 100, ...filters }), retry: false });
  const emailOf = new Map((users.data?.items ?? []).map((u) => [u.id, u.email]));
  const dateErrors = tried ? dateRangeErrors({ id: "from", label: "From", value: from }, { id: "to", label: "To", value: to }) : [];
  const errorFor = (id: string) => dateErrors.find((e) => e.href === id)?.text;

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setTried(true);
    if (dateRangeErrors({ id: "from", label: "From", value: from }, { id: "to", label: "To", value: to }).length) return;
    const d = new FormData(e.currentTarget);
    const v = (k: string) => String(d.get(k) ?? "").trim() || undefined;
    setFilters({ actorId: v("actorId"), entityId: v("entityId") ?? (picked || undefined), action: v("action"), outcome: v("outcome") as Filters["outcome"], from: from || undefined, to: to || undefined });
  }

  async function exportCsv() {
    setProblem(null);
    try {
      const out = await client.admin.audit.export.mutate(filters);
      const url = URL.createObjectURL(new Blob([out.csv], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = out.filename;
      a.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setProblem(errorInfo(error).message);
    }
  }

  return (
    <Page title="Audit log" caption="Administration">
      <ErrorSummary errors={dateErrors} description={problem ?? (q.isError ? errorInfo(q.error).message : undefined)} />
      <form noValidate onSubmit={apply} aria-label="Filter the audit log">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select id="actorId" name="actorId" label="User" options={[{ value: "", label: "Anyone" }, ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.email }))]} />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select id="outcome" name="outcome" label="Outcome" options={[{ value: "", label: "Any" }, ...AUDIT_OUTCOMES.map((o) => ({ value: o, label: AUDIT_OUTCOME_LABELS[o] }))]} />
          </div>
        </div>
        <RecordPicker value={picked} onChange={setPicked} />
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <DateInput id="from" legend="From" hint="For example, 27 3 2026" value={from} error={errorFor("from")} onChange={setFrom} />
          </div>
          <div className="govuk-grid-column-one-half">
            <DateInput id="to" legend="To" hint="Including this day" value={to} error={errorFor("to")} onChange={setTo} />
          </div>
        </div>
        <Details summary="Advanced: filter by a record's id or an action's name">
          <Input id="entityId" name="entityId" label="Person or record id" hint="Used instead of the record chosen above. People in case records are found this way only: administrators cannot search case records." spellCheck={false} />
          <Input id="action" name="action" label="Action name" hint="As in the CSV export, for example families.get" spellCheck={false} />
        </Details>
        <div className="govuk-button-group">
          <Button type="submit">Show</Button>
          <Button variant="secondary" onClick={() => void exportCsv()}>
            Export as CSV
          </Button>
        </div>
      </form>
      {q.isPending ? (
        <Loading what="Loading the audit log" />
      ) : q.isError ? (
        <QueryError error={q.error} what="The audit log" />
      ) : (
        <Table<Row>
          caption={`${q.data.items.length}${q.data.nextCursor ? "+" : ""} entries, newest first`}
          captionSize="s"
          rows={q.data.items}
          rowKey={(r) => r.id}
          columns={[
            { header: "When", cell: (r) => new Date(r.at).toLocaleString("en-GB") },
            { header: "User", cell: (r) => (r.actorId ? (emailOf.get(r.actorId) ?? r.actorId) : "—") },
            { header: "Action", cell: (r) => <span title={r.action}>{auditActionLabel(r.action)}</span> },
            { header: "Records", cell: (r) => `${recordTypeLabel(r.entityType)} ${r.entityIds.length ? `(${r.entityIds.length})` : ""}` },
            { header: "Outcome", cell: (r) => <Tag colour={OUTCOME[r.outcome as keyof typeof OUTCOME] ?? "grey"}>{labelOf(AUDIT_OUTCOME_LABELS, r.outcome)}</Tag> },
            { header: "Reason", cell: (r) => r.reason ?? "" },
          ]}
        />
      )}
    </Page>
  );
}
