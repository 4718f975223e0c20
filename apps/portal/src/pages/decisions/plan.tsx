/** The programme plan: milestones with owner, due date, status and review date; overdue reviews flagged; managers add and update them. */
import { humanise } from "@evident/core";
import { Button, DateInput, dateFieldError, DraftOfferBanner, ErrorSummary, Input, Select, Table, Tag, useStateDraft, type SummaryError } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDay } from "../../lib/format.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type Milestone = RouterOutputs["decisions"]["milestones"]["list"][number];
const STATUS_LABEL: Record<string, string> = { planned: "Planned", in_progress: "In progress", done: "Done", late: "Late", dropped: "Dropped" };
const STATUSES = Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label }));

function StatusChange({ m }: { m: Milestone }) {
  const qc = useQueryClient();
  const [status, setStatus] = useState(m.status);
  const mut = useMutation({ ...api.decisions.milestones.update.mutationOptions(), onSuccess: () => qc.invalidateQueries({ queryKey: api.decisions.pathKey() }) });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        mut.mutate({ id: m.id, version: m.version, patch: { status, ...(status === "done" && !m.doneDate ? { doneDate: new Date().toISOString().slice(0, 10) } : {}) } });
      }}
      style={{ display: "flex", gap: 8, alignItems: "flex-end" }}
    >
      <Select id={`st-${m.id}`} label={<span className="govuk-visually-hidden">Status of {m.title}</span>} value={status} onChange={(e) => setStatus(e.target.value as typeof status)} options={STATUSES} />
      <Button type="submit" variant="secondary" disabled={mut.isPending || status === m.status}>
        Save
      </Button>
      {mut.isError ? <span className="govuk-error-message">{errorInfo(mut.error).message}</span> : null}
    </form>
  );
}

function NewMilestone() {
  const qc = useQueryClient();
  const [f, setF, draft] = useStateDraft("milestone:new", { title: "", dueDate: "", reviewDate: "" });
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const mut = useMutation({
    ...api.decisions.milestones.create.mutationOptions(),
    onSuccess: async () => {
      draft.saved();
      await qc.invalidateQueries({ queryKey: api.decisions.pathKey() });
    },
    onError: (e) => setErrors([{ href: "ms-title", text: errorInfo(e).fieldErrors.map((x) => `${humanise(x.path.split(".").pop() ?? x.path)}: ${x.message}`).join("; ") || errorInfo(e).message }]),
  });
  return (
    <form
      noValidate
      aria-label="Add a milestone"
      onSubmit={(e) => {
        e.preventDefault();
        const errs: SummaryError[] = [];
        if (!f.title.trim()) errs.push({ href: "ms-title", text: "Enter the milestone" });
        for (const problem of [dateFieldError({ id: "ms-due", label: "Due date", value: f.dueDate }, { required: true }), dateFieldError({ id: "ms-review", label: "Review date", value: f.reviewDate })]) if (problem) errs.push(problem);
        setErrors(errs);
        if (!errs.length) mut.mutate({ title: f.title, dueDate: f.dueDate, ...(f.reviewDate ? { reviewDate: f.reviewDate } : {}) });
      }}
    >
      <h2 className="govuk-heading-m">Add a milestone</h2>
      <DraftOfferBanner offer={draft.offer} />
      <ErrorSummary errors={errors} />
      <Input id="ms-title" label="Milestone" value={f.title} onChange={set("title")} />
      <DateInput id="ms-due" legend="Due date" value={f.dueDate} error={errors.find((x) => x.href === "ms-due")?.text} onChange={(v) => setF({ ...f, dueDate: v })} />
      <DateInput id="ms-review" legend="Review date (optional)" value={f.reviewDate} error={errors.find((x) => x.href === "ms-review")?.text} onChange={(v) => setF({ ...f, reviewDate: v })} />
      <Button type="submit" disabled={mut.isPending}>
        Add the milestone
      </Button>
    </form>
  );
}

export default function PlanPage() {
  const auth = useAuth();
  const canEdit = auth.can("decisions:write");
  const q = useQuery(api.decisions.milestones.list.queryOptions({ limit: 200 }));
  return (
    <Page title="Programme plan">
      <p className="govuk-body">
        Milestones, who owns them, when they are due and when they are next reviewed. Decisions are in the <Link className="govuk-link" to="/decisions">decision log</Link>.
      </p>
      {q.isPending ? (
        <Loading what="Loading the plan" />
      ) : q.isError ? (
        <QueryError error={q.error} what="The plan" />
      ) : (
        <Table
          caption="Milestones"
          rows={q.data}
          rowKey={(m) => m.id}
          columns={[
            { header: "Milestone", cell: (m) => m.title },
            { header: "Programme", cell: (m) => m.programmeName ?? "All" },
            { header: "Owner", cell: (m) => m.ownerName ?? "–" },
            { header: "Due", cell: (m) => formatDay(m.dueDate) },
            { header: "Review", cell: (m) => (m.reviewDate ? formatDay(m.reviewDate) : "–") },
            {
              header: "Status",
              cell: (m) => (
                <>
                  {canEdit ? <StatusChange m={m} /> : STATUS_LABEL[m.status]}
                  {m.reason ? <Tag colour="red">{m.reason === "review" ? `Review overdue ${m.daysOverdue} days` : `Overdue ${m.daysOverdue} days`}</Tag> : null}
                </>
              ),
            },
          ]}
        />
      )}
      {canEdit ? <NewMilestone /> : null}
    </Page>
  );
}
