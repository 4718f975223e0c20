/**
 * Programme finance: the programmes with their budget and actual totals
 * (finance.programmes), and per programme its cost lines by financial year
 * and category, totals, cost per participant and per completed participant
 * (finance.summary); managers add and edit lines (finance.lines.*) with
 * version checks: a conflicting save keeps what was typed.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { applyFieldErrors, Button, ErrorSummary, Input, NotificationBanner, Select, SummaryList, Table, summaryErrors, DraftOfferBanner, useFormDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type Summary = RouterOutputs["finance"]["summary"];
type Line = Summary["lines"][number];

const CATEGORIES: { value: string; label: string }[] = [
  { value: "staff", label: "Staff posts" },
  { value: "management", label: "Management and support staff" },
  { value: "training", label: "Training" },
  { value: "venues", label: "Venues" },
  { value: "interpreters", label: "Interpreters" },
  { value: "childcare", label: "Childcare" },
  { value: "evaluation", label: "Evaluation" },
  { value: "other", label: "Other" },
  { value: "reported_total", label: "Workstream total as reported" },
];
const YEARS = Array.from({ length: 12 }, (_, i) => 2015 + i);
const fy = (y: number) => `${y}-${String((y + 1) % 100).padStart(2, "0")}`;

export const pounds = (pence: number | null | undefined) => (pence === null || pence === undefined ? "–" : `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: pence % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 })}`);

const money = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || /^\d{1,9}(\.\d{1,2})?$/.test(v.replace(/[£,]/g, "")), { message: `${what} must be an amount in pounds, like 1250 or 1250.50` });
const ZLineForm = z
  .object({
    fromYear: z.string().regex(/^\d{4}$/, "Select the first financial year"),
    toYear: z.string().regex(/^\d{4}$/, "Select the last financial year"),
    category: z.string().min(1, "Select what the line is for"),
    description: z.string().trim().min(1, "Enter a description").max(300, "The description must be 300 characters or fewer"),
    fte: z.string().trim().refine((v) => v === "" || /^\d{1,3}(\.\d{1,2})?$/.test(v), { message: "FTE must be a number like 0.5 or 1" }),
    budget: money("The budget"),
    actual: money("The actual cost"),
    source: z.string().trim().max(300, "The source must be 300 characters or fewer"),
  })
  .refine((v) => Number(v.toYear) >= Number(v.fromYear), { message: "The last year must not be before the first", path: ["toYear"] })
  .refine((v) => v.budget !== "" || v.actual !== "" || v.fte !== "", { message: "Enter a budget, an actual cost or an FTE", path: ["budget"] });
type TLineForm = z.infer<typeof ZLineForm>;
const IDS = { fromYear: "fromYear", toYear: "toYear", category: "category", description: "description", fte: "fte", budget: "budget", actual: "actual", source: "source" };
const FIELD_OF: Record<string, keyof TLineForm> = { fromYear: "fromYear", toYear: "toYear", category: "category", description: "description", fte: "fte", budgetPence: "budget", actualPence: "actual", source: "source" };

const toPence = (v: string) => (v === "" ? null : Math.round(Number(v.replace(/[£,]/g, "")) * 100));
const fromPence = (p: number | null) => (p === null ? "" : (p / 100).toFixed(p % 100 === 0 ? 0 : 2));
const EMPTY: TLineForm = { fromYear: "2019", toYear: "2019", category: "staff", description: "", fte: "", budget: "", actual: "", source: "" };

function LineForm({ programmeId, editing, onDone }: { programmeId: string; editing: Line | null; onDone: (message: string) => void }) {
  const queryClient = useQueryClient();
  const create = useMutation(api.finance.lines.create.mutationOptions());
  const update = useMutation(api.finance.lines.update.mutationOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const draftKey = `finance-line:${editing?.id ?? `new:${programmeId}`}`;
  const initial: TLineForm = editing
    ? { fromYear: String(editing.fromYear), toYear: String(editing.toYear), category: editing.category, description: editing.description, fte: editing.fte === null ? "" : String(editing.fte), budget: fromPence(editing.budgetPence), actual: fromPence(editing.actualPence), source: editing.source ?? "" }
    : EMPTY;
  const form = useForm<TLineForm>({ shouldFocusError: false, resolver: zodResolver(ZLineForm), defaultValues: initial });
  const draft = useFormDraft(form, draftKey);
  const { register, handleSubmit, formState, setError } = form;
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    const fields = { fromYear: Number(v.fromYear), toYear: Number(v.toYear), category: v.category as Line["category"], description: v.description, fte: v.fte === "" ? null : Number(v.fte), budgetPence: toPence(v.budget), actualPence: toPence(v.actual), source: v.source === "" ? null : v.source };
    try {
      if (editing) await update.mutateAsync({ id: editing.id, version: editing.version, patch: fields });
      else await create.mutateAsync({ programmeId, ...fields });
      draft.saved();
      await queryClient.invalidateQueries({ queryKey: api.finance.pathKey() });
      form.reset(EMPTY);
      onDone(editing ? `Line “${v.description}” updated.` : `Line “${v.description}” added.`);
    } catch (error) {
      draft.keepNow(form.getValues());
      const info = errorInfo(error);
      if (info.code === "CONFLICT") {
        setProblem("Someone else changed this line after you opened it. What you typed is kept below: reload the page to see their version, then enter your change again.");
        return;
      }
      const renamed = info.fieldErrors.map((fe) => ({ ...fe, path: FIELD_OF[fe.path.split(".").pop() ?? ""] ?? fe.path }));
      const rest = applyFieldErrors(renamed, setError, Object.keys(IDS));
      setProblem(rest.length ? rest.join("; ") : info.fieldErrors.length ? null : info.message);
    }
  });
  const yearOptions = YEARS.map((y) => ({ value: String(y), label: fy(y) }));
  return (
    <form noValidate onSubmit={onSubmit} aria-label={editing ? "Edit the cost line" : "Add a cost line"}>
      <h3 className="govuk-heading-m">{editing ? `Edit “${editing.description}”` : "Add a cost line"}</h3>
      <ErrorSummary errors={summaryErrors(errors, IDS)} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-quarter">
          <Select id="fromYear" label="First financial year" error={errors.fromYear?.message} options={yearOptions} {...register("fromYear")} />
        </div>
        <div className="govuk-grid-column-one-quarter">
          <Select id="toYear" label="Last financial year" error={errors.toYear?.message} options={yearOptions} {...register("toYear")} />
        </div>
        <div className="govuk-grid-column-one-half">
          <Select id="category" label="What the line is for" error={errors.category?.message} options={CATEGORIES} {...register("category")} />
        </div>
      </div>
      <Input id="description" label="Description" hint="For a staff post, the job title" error={errors.description?.message} {...register("description")} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <Input id="fte" label="FTE (staff posts)" width={4} inputMode="decimal" error={errors.fte?.message} {...register("fte")} />
        </div>
        <div className="govuk-grid-column-one-third">
          <Input id="budget" label="Budget (£)" width={10} inputMode="decimal" error={errors.budget?.message} {...register("budget")} />
        </div>
        <div className="govuk-grid-column-one-third">
          <Input id="actual" label="Actual cost (£)" width={10} inputMode="decimal" error={errors.actual?.message} {...register("actual")} />
        </div>
      </div>
      <Input id="source" label="Source (optional)" hint="Where the figure comes from, e.g. the ledger or a report table" error={errors.source?.message} {...register("source")} />
      <div className="govuk-button-group">
        <Button type="submit" disabled={create.isPending || update.isPending}>
          {editing ? "Save changes" : "Add line"}
        </Button>
        {editing ? (
          <Button variant="secondary" onClick={() => onDone("")}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function ProgrammeFinance({ id }: { id: string }) {
  const auth = useAuth();
  const [years, setYears] = useState("");
  const [editing, setEditing] = useState<Line | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const range = years ? { fromYear: Number(years.slice(0, 4)), toYear: Number(years.slice(5)) } : {};
  const q = useQuery(api.finance.summary.queryOptions({ programmeId: id, ...range }));
  if (q.isPending) return <Loading what="Loading the programme's finance" />;
  if (q.isError) return <QueryError error={q.error} what="The programme's finance" />;
  const s = q.data;
  const canWrite = auth.can("finance:write" as never);
  const u = s.unitCosts;
  return (
    <Page title={`${s.programme.name}: finance`} caption={s.programme.workstream ?? "Programme finance"}>
      <p className="govuk-body">
        <Link className="govuk-link" to="/finance">
          All programmes
        </Link>
      </p>
      {message ? <NotificationBanner type="success" heading={message} /> : null}
      <Select
        id="years"
        label="Financial years"
        hint="Lines that span years outside the choice are not counted (never split by guesswork)"
        value={years}
        onChange={(e) => setYears(e.target.value)}
        options={[{ value: "", label: "All years" }, { value: "2017:2018", label: `${fy(2017)} to ${fy(2018)}` }, ...YEARS.map((y) => ({ value: `${y}:${y}`, label: fy(y) }))]}
      />
      <h2 className="govuk-heading-m">Totals{s.range ? `, ${s.range.label}` : ""}</h2>
      <div data-testid="finance-totals">
        <SummaryList
          rows={[
            { key: "Budget", value: pounds(s.totals.budgetPence) },
            { key: "Actual cost", value: s.totals.actualPence === null ? "Not recorded" : `${pounds(s.totals.actualPence)}${s.totals.actualFrom === "reported_total" ? " (as reported for the workstream)" : ""}` },
            { key: "Staff posts (FTE)", value: String(s.totals.fte) },
            { key: "Participants", value: `${s.participants.participants} started, ${s.participants.completed} completed` },
            { key: "Cost per participant", value: u.actual ? `${pounds(u.actual.perParticipantPence)} actual` : u.budget ? `${pounds(u.budget.perParticipantPence)} budgeted` : "–" },
            { key: "Cost per completed participant", value: u.actual ? `${pounds(u.actual.perCompletedPence)} actual` : u.budget ? `${pounds(u.budget.perCompletedPence)} budgeted` : "–" },
          ]}
        />
      </div>
      <p className="govuk-body-s">{s.participants.rule}</p>
      {s.totals.straddling > 0 ? <p className="govuk-inset-text">{s.totals.straddling} line(s) span years outside the choice and are not counted.</p> : null}
      <Table
        caption="Cost lines"
        rows={s.lines}
        rowKey={(l) => l.id}
        columns={[
          { header: "Years", cell: (l) => (l.counted ? l.years : <>{l.years} <strong className="govuk-tag govuk-tag--grey">Not counted</strong></>) },
          { header: "For", cell: (l) => l.categoryLabel },
          { header: "Description", cell: (l) => l.description },
          { header: "FTE", numeric: true, cell: (l) => (l.fte === null ? "–" : String(l.fte)) },
          { header: "Budget", numeric: true, cell: (l) => pounds(l.budgetPence) },
          { header: "Actual", numeric: true, cell: (l) => pounds(l.actualPence) },
          { header: "Source", cell: (l) => <span className="govuk-body-s">{l.source ?? ""}</span> },
          ...(canWrite
            ? [
                {
                  header: "Change",
                  cell: (l: Line) => (
                    <button type="button" className="app-sort-button" onClick={() => (setMessage(null), setEditing(l))}>
                      Edit<span className="govuk-visually-hidden"> {l.description}</span>
                    </button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canWrite ? (
        <LineForm
          key={editing ? `${editing.id}:${editing.version}` : "new"}
          programmeId={id}
          editing={editing}
          onDone={(m) => {
            setEditing(null);
            setMessage(m || null);
          }}
        />
      ) : (
        <p className="govuk-body">Cost lines are kept by managers.</p>
      )}
    </Page>
  );
}

function ProgrammeList() {
  const q = useQuery(api.finance.programmes.queryOptions());
  if (q.isPending) return <Loading what="Loading programmes" />;
  if (q.isError) return <QueryError error={q.error} what="Programmes" />;
  return (
    <Page title="Programme finance" caption="Budgets and actual costs">
      <p className="govuk-body">Budget and actual cost per programme, year and line. An analysis on the evaluation page can use any of these figures and says which one it used.</p>
      <Table
        caption="Programmes"
        rows={q.data}
        rowKey={(p) => p.id}
        columns={[
          {
            header: "Programme",
            cell: (p) => (
              <Link className="govuk-link" to={`/finance/${p.id}`}>
                {p.name}
              </Link>
            ),
          },
          { header: "Workstream", cell: (p) => p.workstream ?? "" },
          { header: "Years", cell: (p) => p.years.join(", ") || "None recorded" },
          { header: "Budget", numeric: true, cell: (p) => (p.lineCount ? pounds(p.budgetPence) : "–") },
          { header: "Actual", numeric: true, cell: (p) => pounds(p.actualPence) },
        ]}
      />
    </Page>
  );
}

export default function FinancePage() {
  const { id } = useParams();
  return id ? <ProgrammeFinance id={id} /> : <ProgrammeList />;
}
