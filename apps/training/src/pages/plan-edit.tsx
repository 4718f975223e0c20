/**
 * Change a job role's onboarding plan: add, remove and reorder its modules
 * and courses and set "due within N days" of the start date for each. Each
 * item appears once and is due within 0–730 days. The plan being edited is
 * kept on this device as it changes and offered back (drafts); a CONFLICT (someone else saved
 * first) keeps the edit, shows their version and lets the user save on top.
 */
import { Button, DraftOfferBanner, ErrorSummary, Input, NotificationBanner, Select, Table, useDraft, type SummaryError } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { api, errorInfo, type RouterOutputs } from "../lib/trpc.js";

type Plan = RouterOutputs["training"]["plans"]["get"];
interface Row {
  key: string;
  kind: "module" | "course";
  itemId: string;
  title: string;
  days: string;
}

const rowsOf = (p: Plan): Row[] => p.items.map((i) => ({ key: `${i.kind}:${i.itemId}`, kind: i.kind, itemId: i.itemId, title: i.title, days: String(i.dueWithinDays) }));

/** Field errors by row key: due-within must be a whole number of days, 0 to 730. */
export function planRowErrors(rows: readonly Row[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rows) {
    if (!/^\d{1,3}$/.test(r.days.trim()) || Number(r.days) > 730) out.set(r.key, `Enter the days for "${r.title}" as a whole number from 0 to 730`);
  }
  return out;
}

export default function PlanEditPage() {
  const { role = "" } = useParams();
  const q = useQuery(api.training.plans.get.queryOptions({ role: role as never }));
  if (q.isPending) return <Loading what="Loading the plan" />;
  if (q.isError) return <QueryError error={q.error} what="The onboarding plan" />;
  return <PlanForm plan={q.data} />;
}

function PlanForm({ plan }: { plan: Plan }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const draftKey = `training-plan:${plan.id}`;
  const [rows, setRows] = useState<Row[]>(() => rowsOf(plan));
  const changed = JSON.stringify(rows) !== JSON.stringify(rowsOf(plan));
  const draft = useDraft<Row[]>(draftKey, { changed, restore: setRows });
  const { keep } = draft;
  useEffect(() => {
    if (changed) keep(rows);
  }, [rows, changed, keep]);
  const [adding, setAdding] = useState("");
  const [addDays, setAddDays] = useState("30");
  const [submitted, setSubmitted] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Plan | null>(null);
  const [status, setStatus] = useState("");
  const version = useRef(plan.version);
  const save = useMutation(api.training.plans.update.mutationOptions());

  const choices = [
    ...plan.available.modules.map((m) => ({ value: `module:${m.id}`, label: `E-learning module: ${m.title}`, kind: "module" as const, id: m.id, title: m.title })),
    ...plan.available.courses.map((c) => ({ value: `course:${c.id}`, label: `Course: ${c.title}`, kind: "course" as const, id: c.id, title: c.title })),
  ].filter((c) => !rows.some((r) => r.key === c.value));

  const rowErrors = submitted ? planRowErrors(rows) : new Map<string, string>();
  const summary: SummaryError[] = [...rowErrors.entries()].map(([key, text]) => ({ href: `days-${rows.findIndex((r) => r.key === key)}`, text }));

  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= rows.length) return;
    const next = [...rows];
    [next[i], next[j]] = [next[j]!, next[i]!];
    setRows(next);
    setStatus(`${rows[i]!.title} moved ${by < 0 ? "up" : "down"} to position ${j + 1} of ${rows.length}`);
  };

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setProblem(null);
    if (planRowErrors(rows).size > 0) return;
    try {
      await save.mutateAsync({ id: plan.id, version: version.current, items: rows.map((r) => ({ kind: r.kind, itemId: r.itemId, dueWithinDays: Number(r.days) })) });
      draft.saved();
      await queryClient.invalidateQueries({ queryKey: api.training.plans.pathKey() });
      navigate("/plans", { state: { saved: `${plan.roleLabel} plan saved` } });
    } catch (err) {
      draft.keepNow(rows);
      const info = errorInfo(err);
      if (info.code === "CONFLICT") {
        const latest = await queryClient.fetchQuery({ ...api.training.plans.get.queryOptions({ role: plan.role as never }), staleTime: 0 });
        version.current = latest.version;
        setConflict(latest);
        return;
      }
      setProblem(info.code === "UNAUTHORIZED" ? "Your session has ended. Sign in again in another tab; your changes are kept here." : `${info.fieldErrors.length ? info.fieldErrors.map((f) => f.message).join("; ") : info.message}${info.requestId ? ` (reference ${info.requestId})` : ""}`);
    }
  };

  return (
    <>
      <ErrorSummary errors={summary} description={problem ?? undefined} />
      {conflict ? (
        <NotificationBanner title="Important" heading="Someone else saved this plan while you were changing it" focusOnMount>
          <p className="govuk-body">Your changes have not been saved and are still below. Their version lists:</p>
          <ol className="govuk-list govuk-list--number">
            {conflict.items.map((i) => (
              <li key={i.id}>
                {i.title}, within {i.dueWithinDays} days
              </li>
            ))}
          </ol>
          <p className="govuk-body">Check your changes, then save again to replace their version with yours.</p>
        </NotificationBanner>
      ) : (
        <DraftOfferBanner offer={draft.offer} />
      )}
      <Page title={`Change the ${plan.roleLabel.toLowerCase()} onboarding plan`} caption="Onboarding plans">
        <p className="govuk-body">Starters in this role are assigned these items in this order, each due the given number of days after their start date. Changes apply to people who start from now on.</p>
        <div aria-live="polite" className="govuk-visually-hidden">
          {status}
        </div>
        <form noValidate onSubmit={onSubmit}>
          <Table
            caption="Items in the plan"
            captionSize="m"
            rows={rows.map((r, i) => ({ ...r, i }))}
            rowKey={(r) => r.key}
            columns={[
              { header: "Position", numeric: true, cell: (r) => r.i + 1 },
              { header: "Module or course", cell: (r) => r.title },
              { header: "Type", cell: (r) => (r.kind === "module" ? "E-learning module" : "Course") },
              {
                header: "Due within (days)",
                cell: (r) => (
                  <Input
                    id={`days-${r.i}`}
                    label={<span className="govuk-visually-hidden">Days to complete {r.title}</span>}
                    width={3}
                    inputMode="numeric"
                    value={r.days}
                    error={rowErrors.get(r.key)}
                    onChange={(e) => setRows(rows.map((x) => (x.key === r.key ? { ...x, days: e.target.value } : x)))}
                  />
                ),
              },
              {
                header: "Change",
                cell: (r) => (
                  <div className="govuk-button-group govuk-!-margin-bottom-0">
                    <Button variant="secondary" className="govuk-!-margin-bottom-0" disabled={r.i === 0} onClick={() => move(r.i, -1)}>
                      Up<span className="govuk-visually-hidden">: {r.title}</span>
                    </Button>
                    <Button variant="secondary" className="govuk-!-margin-bottom-0" disabled={r.i === rows.length - 1} onClick={() => move(r.i, 1)}>
                      Down<span className="govuk-visually-hidden">: {r.title}</span>
                    </Button>
                    <Button
                      variant="warning"
                      className="govuk-!-margin-bottom-0"
                      onClick={() => {
                        setRows(rows.filter((x) => x.key !== r.key));
                        setStatus(`${r.title} removed from the plan`);
                      }}
                    >
                      Remove<span className="govuk-visually-hidden">: {r.title}</span>
                    </Button>
                  </div>
                ),
              },
            ]}
          />
          {rows.length === 0 ? <p className="govuk-body">The plan is empty: starters in this role will be assigned nothing.</p> : null}
          <h2 className="govuk-heading-m">Add an item</h2>
          <Select id="addItem" label="Module or course" options={[{ value: "", label: "Choose a module or course" }, ...choices.map((c) => ({ value: c.value, label: c.label }))]} value={adding} onChange={(e) => setAdding(e.target.value)} />
          <Input id="addDays" label="Due within (days)" width={3} inputMode="numeric" value={addDays} onChange={(e) => setAddDays(e.target.value)} />
          <Button
            variant="secondary"
            disabled={!adding}
            onClick={() => {
              const c = choices.find((x) => x.value === adding);
              if (!c) return;
              setRows([...rows, { key: c.value, kind: c.kind, itemId: c.id, title: c.title, days: addDays }]);
              setAdding("");
              setStatus(`${c.title} added at position ${rows.length + 1}`);
            }}
          >
            Add to the plan
          </Button>
          <div className="govuk-button-group">
            <Button type="submit" disabled={save.isPending}>
              Save plan
            </Button>
            <Link className="govuk-link" to="/plans">
              Cancel
            </Link>
          </div>
        </form>
      </Page>
    </>
  );
}
