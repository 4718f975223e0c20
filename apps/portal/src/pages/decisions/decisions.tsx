/**
 * The decision log: search by words, programme, logic model node and date;
 * each decision with its rationale, evidence links, who decided and the
 * review date; managers record new decisions linked to nodes, measures,
 * model versions or saved analyses.
 */
import { parseIsoDay } from "@evident/core";
import { Button, DateInput, dateRangeErrors, DraftOfferBanner, ErrorSummary, fieldProblem, Input, Select, Tag, Textarea, useStateDraft, type SummaryError } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { COLUMN_LABEL } from "../logic-models/labels.js";
import { formatDay } from "../../lib/format.js";
import { api, errorInfo, type RouterInputs } from "../../lib/trpc.js";

type LinkInput = NonNullable<RouterInputs["decisions"]["create"]["links"]>[number];
const LINK_LABEL: Record<string, string> = { LogicNode: "Logic model node", Measure: "Measure", Indicator: "Indicator", LogicModelVersion: "Model version", AnalysisRun: "Saved analysis", Milestone: "Milestone", Decision: "Decision" };
const FIELD_ID: Record<string, string> = { title: "d-title", decision: "d-decision", rationale: "d-rationale", decidedAt: "d-date", reviewDate: "d-review", programmeId: "d-programme", links: "d-model" };
/** The fields' labels on screen, to name them in the error summary. */
const FIELD_LABEL: Record<string, string> = { title: "Title", decision: "What was decided", rationale: "Why (the rationale)", evidence: "Evidence", decidedBy: "Decided by", decidedAt: "Date of the decision", reviewDate: "Review date", programmeId: "Programme", links: "Linked to" };

function useProgrammes() {
  const q = useQuery(api.logicModels.list.queryOptions());
  const seen = new Map<string, string>();
  for (const m of q.data ?? []) if (m.programmeId) seen.set(m.programmeId, m.programmeName ?? m.programmeId);
  return [...seen.entries()].map(([value, label]) => ({ value, label }));
}

/** A logic model chosen from a list, then one of its nodes and one of its indicators (never typed ids). */
function ModelLinks({ model, node, indicator, onChange }: { model: string; node: string; indicator: string; onChange: (v: { model: string; node: string; indicator: string }) => void }) {
  const models = useQuery(api.logicModels.list.queryOptions());
  const chosen = useQuery({ ...api.logicModels.get.queryOptions({ id: model }), enabled: model !== "" });
  const nodes = chosen.data?.nodes ?? [];
  const loading = model !== "" && chosen.isPending;
  return (
    <>
      <Select
        id="d-model"
        label="Logic model (optional)"
        hint="Choose a model to link the decision to one of its boxes or indicators"
        value={model}
        onChange={(e) => onChange({ model: e.target.value, node: "", indicator: "" })}
        options={[{ value: "", label: "None" }, ...(models.data ?? []).map((m) => ({ value: m.id, label: m.programmeName ? `${m.name} (${m.programmeName})` : m.name }))]}
      />
      {model ? (
        <>
          <Select
            id="d-node"
            label="Box in the model it concerns (optional)"
            value={node}
            onChange={(e) => onChange({ model, node: e.target.value, indicator })}
            options={[{ value: "", label: loading ? "Loading…" : "None" }, ...nodes.map((n) => ({ value: n.id, label: `${COLUMN_LABEL[n.column] ?? n.column}: ${n.heading ? `${n.heading} – ` : ""}${n.text}` }))]}
          />
          <Select
            id="d-indicator"
            label="Indicator it concerns (optional)"
            value={indicator}
            onChange={(e) => onChange({ model, node, indicator: e.target.value })}
            options={[{ value: "", label: loading ? "Loading…" : "None" }, ...(chosen.data?.indicators ?? []).map((i) => ({ value: i.id, label: i.title }))]}
          />
        </>
      ) : null}
    </>
  );
}

function NewDecision({ node, nodeText, onDone }: { node: string | null; nodeText?: string; onDone: () => void }) {
  const qc = useQueryClient();
  const programmes = useProgrammes();
  const measures = useQuery(api.monitoring.measures.queryOptions());
  const auth = useAuth();
  const runs = useQuery({ ...api.evaluation.list.queryOptions({ take: 50 }), enabled: auth.can("evaluation:read") });
  const [f, setF, draft] = useStateDraft(`decision:${node ?? "new"}`, { run: "", title: "", decision: "", rationale: "", evidence: "", decidedBy: "", decidedAt: "", reviewDate: "", programmeId: "", measure: "", node: node ?? "", model: "", indicator: "" });
  const set = (k: keyof typeof f) => (ev: { target: { value: string } }) => setF({ ...f, [k]: ev.target.value });
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const m = useMutation({
    ...api.decisions.create.mutationOptions(),
    onSuccess: async () => {
      // The draft goes as soon as the decision is saved, before the lists refresh (nothing typed can be kept after).
      draft.saved();
      await qc.invalidateQueries({ queryKey: api.decisions.pathKey() });
      await qc.invalidateQueries({ queryKey: api.logicModels.pathKey() });
      onDone();
    },
    onError: (e) => {
      const info = errorInfo(e);
      setErrors(info.fieldErrors.length ? info.fieldErrors.map((x) => ({ href: FIELD_ID[x.path.split(".")[0]!] ?? "d-title", text: fieldProblem(x, FIELD_LABEL) })) : [{ href: "d-title", text: info.message }]);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: SummaryError[] = [];
    if (!f.title.trim()) missing.push({ href: "d-title", text: "Enter a short title" });
    if (!f.decision.trim()) missing.push({ href: "d-decision", text: "Enter what was decided" });
    if (!f.rationale.trim()) missing.push({ href: "d-rationale", text: "Enter why it was decided" });
    if (!f.decidedAt) missing.push({ href: "d-date", text: "Enter the date of the decision" });
    else if (parseIsoDay(f.decidedAt) === undefined) missing.push({ href: "d-date", text: "Date of the decision must be a real date" });
    if (f.reviewDate && parseIsoDay(f.reviewDate) === undefined) missing.push({ href: "d-review", text: "Review date must be a real date" });
    setErrors(missing);
    if (missing.length) return;
    const links: LinkInput[] = [];
    if (f.node.trim()) links.push({ entityType: "LogicNode", entityId: f.node.trim() });
    if (f.indicator) links.push({ entityType: "Indicator", entityId: f.indicator });
    if (f.measure) links.push({ entityType: "Measure", entityId: f.measure });
    if (f.run) links.push({ entityType: "AnalysisRun", entityId: f.run });
    m.mutate({
      title: f.title,
      decision: f.decision,
      rationale: f.rationale,
      ...(f.evidence.trim() ? { evidence: f.evidence } : {}),
      ...(f.decidedBy.trim() ? { decidedBy: f.decidedBy.trim() } : {}),
      decidedAt: f.decidedAt,
      ...(f.reviewDate.trim() ? { reviewDate: f.reviewDate.trim() } : {}),
      ...(f.programmeId ? { programmeId: f.programmeId } : {}),
      links,
    });
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Record a decision" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m">Record a decision</h2>
      <DraftOfferBanner offer={draft.offer} />
      <ErrorSummary errors={errors} />
      <Input id="d-title" label="Title" value={f.title} onChange={set("title")} />
      <Textarea id="d-decision" label="What was decided" value={f.decision} onChange={set("decision")} />
      <Textarea id="d-rationale" label="Why (the rationale)" value={f.rationale} onChange={set("rationale")} />
      <Textarea id="d-evidence" label="Evidence (optional)" hint="What the decision rests on, in words; link measures and nodes below" value={f.evidence} onChange={set("evidence")} />
      <Input id="d-by" label="Decided by (optional)" hint="Leave blank for yourself, or name the board or meeting" value={f.decidedBy} onChange={set("decidedBy")} />
      <DateInput id="d-date" legend="Date of the decision" hint="For example, 27 3 2026" value={f.decidedAt} onChange={(v) => setF({ ...f, decidedAt: v })} />
      <DateInput id="d-review" legend="Review date (optional)" value={f.reviewDate} onChange={(v) => setF({ ...f, reviewDate: v })} />
      <Select id="d-programme" label="Programme" value={f.programmeId} onChange={set("programmeId")} options={[{ value: "", label: "No programme" }, ...programmes]} />
      {f.node && !f.model ? (
        <p className="govuk-body" id="d-node">
          It concerns the logic model node <strong>{nodeText ?? "chosen on the model"}</strong>.{" "}
          <button type="button" className="govuk-link" style={{ background: "none", border: 0, padding: 0, cursor: "pointer", font: "inherit" }} onClick={() => setF({ ...f, node: "" })}>
            Remove<span className="govuk-visually-hidden"> the link to this node</span>
          </button>
        </p>
      ) : (
        <ModelLinks model={f.model} node={f.node} indicator={f.indicator} onChange={(v) => setF({ ...f, ...v })} />
      )}
      <Select id="d-measure" label="Measure it rests on (optional)" value={f.measure} onChange={set("measure")} options={[{ value: "", label: "None" }, ...(measures.data ?? []).map((x) => ({ value: x.id, label: x.title }))]} />
      {auth.can("evaluation:read") ? (
        <Select id="d-run" label="Saved analysis it rests on (optional)" value={f.run} onChange={set("run")} options={[{ value: "", label: "None" }, ...(runs.data ?? []).map((r) => ({ value: r.id, label: r.title ?? "Untitled analysis" }))]} />
      ) : null}
      <Button type="submit" disabled={m.isPending}>
        Record the decision
      </Button>
    </form>
  );
}

export default function DecisionsPage() {
  const auth = useAuth();
  const [params, setParams] = useSearchParams();
  const programmes = useProgrammes();
  const [text, setText] = useState(params.get("q") ?? "");
  const [programmeId, setProgrammeId] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [searchErrors, setSearchErrors] = useState<SummaryError[]>([]);
  const node = params.get("node");
  const [creating, setCreating] = useState(params.get("new") === "1");
  const [query, setQuery] = useState<RouterInputs["decisions"]["list"]>({ limit: 50, ...(node ? { nodeId: node } : {}) });
  const q = useQuery(api.decisions.list.queryOptions(query));
  const only = params.get("id");
  const rows = (q.data ?? []).filter((d) => !only || d.id === only);
  return (
    <Page title="Decision log">
      <p className="govuk-body">
        What was decided, why, on what evidence, by whom, and when it will be reviewed. See also the <Link className="govuk-link" to="/plan">programme plan</Link>.
      </p>
      {auth.can("decisions:write") ? (
        creating ? (
          <NewDecision node={node} nodeText={params.get("label") ?? undefined} onDone={() => setCreating(false)} />
        ) : (
          <Button variant="secondary" onClick={() => setCreating(true)}>
            Record a decision
          </Button>
        )
      ) : null}
      <form
        role="search"
        aria-label="Search decisions"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const problems = dateRangeErrors({ id: "s-from", label: "Decided on or after", value: from }, { id: "s-to", label: "Decided on or before", value: to });
          setSearchErrors(problems);
          if (problems.length) return;
          setParams({});
          setQuery({ limit: 50, ...(text.trim() ? { text: text.trim() } : {}), ...(programmeId ? { programmeId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
        }}
      >
        <h2 className="govuk-heading-m">Search</h2>
        <ErrorSummary errors={searchErrors} />
        <Input id="s-text" label="Words" value={text} onChange={(e) => setText(e.target.value)} />
        <Select id="s-programme" label="Programme" value={programmeId} onChange={(e) => setProgrammeId(e.target.value)} options={[{ value: "", label: "Any programme" }, ...programmes]} />
        <DateInput id="s-from" legend="Decided on or after" value={from} error={searchErrors.find((x) => x.href === "s-from")?.text} onChange={setFrom} />
        <DateInput id="s-to" legend="Decided on or before" value={to} error={searchErrors.find((x) => x.href === "s-to")?.text} onChange={setTo} />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {node ? <p className="govuk-body">Showing decisions about the node {node}.</p> : null}
      {q.isPending ? (
        <Loading what="Loading decisions" />
      ) : q.isError ? (
        <QueryError error={q.error} what="Decisions" />
      ) : rows.length === 0 ? (
        <p className="govuk-body">No decisions match.</p>
      ) : (
        <ol className="govuk-list" data-testid="decision-list">
          {rows.map((d) => (
            <li key={d.id} className="govuk-summary-card">
              <div className="govuk-summary-card__title-wrapper">
                <h3 className="govuk-summary-card__title">{d.title}</h3>
                {d.reviewOverdue ? <Tag colour="red">Review overdue</Tag> : null}
              </div>
              <div className="govuk-summary-card__content">
                <dl className="govuk-summary-list">
                  {[
                    ["Decision", d.decision],
                    ["Why", d.rationale],
                    ["Evidence", d.evidence ?? "–"],
                    ["Decided", `${formatDay(d.decidedAt)}${d.decidedByName ? ` by ${d.decidedByName}` : ""}`],
                    ["Programme", d.programmeName ?? "–"],
                    ["Review", d.reviewDate ? formatDay(d.reviewDate) : "–"],
                    ["Status", d.status],
                    ["Linked to", d.links.length ? d.links.map((l) => `${LINK_LABEL[l.entityType] ?? l.entityType}: ${l.label}`).join("; ") : "–"],
                  ].map(([k, v]) => (
                    <div className="govuk-summary-list__row" key={k}>
                      <dt className="govuk-summary-list__key">{k}</dt>
                      <dd className="govuk-summary-list__value">{v}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            </li>
          ))}
        </ol>
      )}
    </Page>
  );
}
