/**
 * One logic model: the diagram or the list of its nodes (views.tsx), the
 * same nodes as keyboard-accessible tables, the
 * validation panel, indicators with live status, edits with a reason (each
 * makes a new version), decisions on each node, and the version history.
 * Lazy-loaded, so React Flow stays out of the first bundle (and ELK loads with the diagram).
 */
import { humanise } from "@evident/core";
import { Button, DateInput, dateFieldError, dateRangeErrors, DraftOfferBanner, ErrorSummary, Input, Select, Table, Textarea, useStateDraft, type DraftOffer, type SummaryError } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDateTime, formatDay } from "../../lib/format.js";
import { api, errorInfo, type RouterInputs, type RouterOutputs } from "../../lib/trpc.js";
import { COLUMN_LABEL, COLUMNS, fmt, GROUP_LABEL, GROUPS, ISSUE_LABEL, StatusTag } from "./labels.js";
import { VersionDiff } from "./diff.js";
import { neighbours, nodeAnchor, NodeLinks } from "./node-links.js";
import { ModelViews, nodesIn } from "./views.js";

type Model = RouterOutputs["logicModels"]["get"];
type ModelNode = Model["nodes"][number];
type Edit = RouterInputs["logicModels"]["edit"]["edit"];

function useEdit(model: Model, prefix: string, onDone?: () => void) {
  const qc = useQueryClient();
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const m = useMutation({
    ...api.logicModels.edit.mutationOptions(),
    onSuccess: async () => {
      setErrors([]);
      await qc.invalidateQueries({ queryKey: api.logicModels.pathKey() });
      onDone?.();
    },
    onError: (e) => {
      const info = errorInfo(e);
      setErrors(info.fieldErrors.length ? info.fieldErrors.map((f) => ({ href: f.path.includes("reason") ? `${prefix}-reason` : `${prefix}-form`, text: `${humanise(f.path.split(".").pop() ?? f.path)}: ${f.message}` })) : [{ href: `${prefix}-form`, text: info.code === "CONFLICT" ? "Someone else changed this model. Reload the page and try again." : info.message }]);
    },
  });
  /** `problems`: what the form itself found wrong (dates), shown with the reason's before anything is sent. */
  const submit = (reason: string, edit: Edit, problems: SummaryError[] = []) => {
    const all = [...problems, ...(reason.trim() ? [] : [{ href: `${prefix}-reason`, text: "Enter the reason for this change" }])];
    if (all.length) {
      setErrors(all);
      return;
    }
    m.mutate({ modelId: model.id, version: model.version, reason, edit });
  };
  return { submit, errors, pending: m.isPending };
}

function Reason({ prefix, value, onChange }: { prefix: string; value: string; onChange: (v: string) => void }) {
  return <Input id={`${prefix}-reason`} label="Reason for the change" hint="Shown in the version history with your name and the date" value={value} onChange={(e) => onChange(e.target.value)} />;
}

/** A form's state kept as a draft on this device, per model and form. */
function useModelDraft<T>(model: Model, prefix: string, initial: T) {
  return useStateDraft<T>(`logic-model:${model.id}:${prefix}`, initial);
}

function Form({ prefix, title, onSubmit, children, errors, pending, submitText, offer }: { prefix: string; title: string; onSubmit: () => void; children: ReactNode; errors: SummaryError[]; pending: boolean; submitText: string; offer: DraftOffer | null }) {
  return (
    <form
      id={`${prefix}-form`}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
      className="govuk-!-margin-bottom-6"
      aria-label={title}
    >
      <h3 className="govuk-heading-s">{title}</h3>
      <DraftOfferBanner offer={offer} />
      <ErrorSummary errors={errors} />
      {children}
      <Button type="submit" disabled={pending}>
        {submitText}
      </Button>
    </form>
  );
}

function NodeEditor({ model, node }: { model: Model; node: ModelNode }) {
  const px = `node-${node.id}`;
  const [f, setF, draft] = useModelDraft(model, px, { text: node.text, group: node.group, reason: "" });
  const e = useEdit(model, px, () => {
    draft.saved({ ...f, reason: "" });
  });
  return (
    <Form prefix={px} offer={draft.offer} title={`Change this ${COLUMN_LABEL[node.column]!.toLowerCase().replace(/s$/, "").replace(/ie$/, "y")}`} submitText="Save the change" errors={e.errors} pending={e.pending} onSubmit={() => e.submit(f.reason, { op: "updateNode", nodeId: node.id, patch: { text: f.text, group: f.group } })}>
      <Textarea id={`${px}-node-text`} label="Wording" value={f.text} onChange={(ev) => setF({ ...f, text: ev.target.value })} />
      <Select id={`${px}-node-group`} label="Who it concerns" value={f.group} onChange={(ev) => setF({ ...f, group: ev.target.value as typeof f.group })} options={GROUPS.map((g) => ({ value: g, label: GROUP_LABEL[g]! }))} />
      <Reason prefix={px} value={f.reason} onChange={(reason) => setF({ ...f, reason })} />
    </Form>
  );
}

function BindIndicator({ model, node }: { model: Model; node: ModelNode }) {
  const measures = useQuery(api.monitoring.measures.queryOptions());
  const px = `bind-${node.id}`;
  const [f, setF, draft] = useModelDraft(model, px, { measureId: "", title: "", unit: "", reason: "" });
  const { measureId, title, unit, reason } = f;
  const set = (k: keyof typeof f) => (ev: { target: { value: string } }) => setF({ ...f, [k]: ev.target.value });
  const e = useEdit(model, px, () => {
    draft.saved();
  });
  const simple = (measures.data ?? []).filter((m) => m.params.every((p) => !p.required));
  return (
    <Form
      prefix={px}
      offer={draft.offer}
      title="Add an indicator to this node"
      submitText="Add the indicator"
      errors={e.errors}
      pending={e.pending}
      onSubmit={() => {
        const measure = simple.find((m) => m.id === measureId);
        e.submit(reason, { op: "bindIndicator", nodeId: node.id, indicator: { title: title.trim() || measure?.title || "", measureId: measureId || null, ...(unit.trim() ? { unit: unit.trim() } : measure ? { unit: measure.unit } : {}) } });
      }}
    >
      <Select id={`${px}-ind-measure`} label="Measure" hint="A measure computed from the records, or values entered by hand each period" value={measureId} onChange={set("measureId")} options={[{ value: "", label: "Entered by hand" }, ...simple.map((m) => ({ value: m.id, label: `${m.title} (${m.source})` }))]} />
      <Input id={`${px}-ind-title`} label="Indicator name" hint="Leave blank to use the measure's name" value={title} onChange={set("title")} />
      <Input id={`${px}-ind-unit`} label="Unit (optional)" width={10} value={unit} onChange={set("unit")} />
      <Reason prefix={px} value={reason} onChange={(v) => setF({ ...f, reason: v })} />
    </Form>
  );
}

function TargetForm({ model, indicatorId }: { model: Model; indicatorId: string }) {
  const px = `target-${indicatorId}`;
  const [f, setF, draft] = useModelDraft(model, px, { label: "", baseline: "", baselineDate: "", direction: "higher_is_better", value: "", dueDate: "", reason: "" });
  const set = (k: keyof typeof f) => (ev: { target: { value: string } }) => setF({ ...f, [k]: ev.target.value });
  const setDate = (k: "baselineDate" | "dueDate") => (v: string) => setF({ ...f, [k]: v });
  const e = useEdit(model, px, () => {
    draft.saved();
  });
  const dateProblems = () =>
    [dateFieldError({ id: `${px}-target-baseline-date`, label: "Baseline date", value: f.baselineDate }, { required: true }), dateFieldError({ id: `${px}-target-due`, label: "Due date", value: f.dueDate }, { required: true })].filter(
      (x): x is SummaryError => x !== null,
    );
  const errorFor = (id: string) => e.errors.find((x) => x.href === id)?.text;
  return (
    <Form
      prefix={px}
      offer={draft.offer}
      title="Set a target"
      submitText="Set the target"
      errors={e.errors}
      pending={e.pending}
      onSubmit={() =>
        e.submit(f.reason, {
          op: "setTarget",
          indicatorId,
          target: { ...(f.label.trim() ? { label: f.label.trim() } : {}), baseline: f.baseline.trim() === "" ? null : Number(f.baseline), baselineDate: f.baselineDate, direction: f.direction as "higher_is_better", value: { kind: "absolute", value: Number(f.value) }, dueDate: f.dueDate },
        }, dateProblems())
      }
    >
      <Input id={`${px}-target-label`} label="Name (optional)" value={f.label} onChange={set("label")} />
      <Input id={`${px}-target-baseline`} label="Baseline" hint="Leave blank to take it from the measurements on the baseline date" width={10} inputMode="decimal" value={f.baseline} onChange={set("baseline")} />
      <DateInput id={`${px}-target-baseline-date`} legend="Baseline date" value={f.baselineDate} error={errorFor(`${px}-target-baseline-date`)} onChange={setDate("baselineDate")} />
      <Select id={`${px}-target-direction`} label="Better is" value={f.direction} onChange={set("direction")} options={[{ value: "higher_is_better", label: "Higher" }, { value: "lower_is_better", label: "Lower" }]} />
      <Input id={`${px}-target-value`} label="Target value" width={10} inputMode="decimal" value={f.value} onChange={set("value")} />
      <DateInput id={`${px}-target-due`} legend="Due date" value={f.dueDate} error={errorFor(`${px}-target-due`)} onChange={setDate("dueDate")} />
      <Reason prefix={px} value={f.reason} onChange={(v) => setF({ ...f, reason: v })} />
    </Form>
  );
}

function MeasurementForm({ model, indicatorId }: { model: Model; indicatorId: string }) {
  const px = `value-${indicatorId}`;
  const [f, setF, draft] = useModelDraft(model, px, { periodStart: "", periodEnd: "", value: "", reason: "" });
  const set = (k: keyof typeof f) => (ev: { target: { value: string } }) => setF({ ...f, [k]: ev.target.value });
  const e = useEdit(model, px, () => {
    draft.saved();
  });
  const dateProblems = () => dateRangeErrors({ id: `${px}-m-start`, label: "Period from", value: f.periodStart }, { id: `${px}-m-end`, label: "Period to", value: f.periodEnd }, { required: true });
  const errorFor = (id: string) => e.errors.find((x) => x.href === id)?.text;
  return (
    <Form prefix={px} offer={draft.offer} title="Record a value" submitText="Record the value" errors={e.errors} pending={e.pending} onSubmit={() => e.submit(f.reason, { op: "recordMeasurement", indicatorId, periodStart: f.periodStart, periodEnd: f.periodEnd, value: Number(f.value) }, dateProblems())}>
      <DateInput id={`${px}-m-start`} legend="Period from" value={f.periodStart} error={errorFor(`${px}-m-start`)} onChange={(v) => setF({ ...f, periodStart: v })} />
      <DateInput id={`${px}-m-end`} legend="Period to" value={f.periodEnd} error={errorFor(`${px}-m-end`)} onChange={(v) => setF({ ...f, periodEnd: v })} />
      <Input id={`${px}-m-value`} label="Value" width={10} inputMode="decimal" value={f.value} onChange={set("value")} />
      <Reason prefix={px} value={f.reason} onChange={(v) => setF({ ...f, reason: v })} />
    </Form>
  );
}

function AddNode({ model }: { model: Model }) {
  const px = "add-node";
  const [f, setF, draft] = useModelDraft(model, px, { column: "outputs", group: "system", text: "", from: "", reason: "" });
  const set = (k: keyof typeof f) => (ev: { target: { value: string } }) => setF({ ...f, [k]: ev.target.value });
  const e = useEdit(model, px, () => {
    draft.saved({ ...f, text: "", reason: "" });
  });
  return (
    <Form prefix={px} offer={draft.offer} title="Add a node" submitText="Add the node" errors={e.errors} pending={e.pending} onSubmit={() => e.submit(f.reason, { op: "addNode", node: { column: f.column as "outputs", group: f.group as "system", text: f.text } })}>
      <Select id="add-column" label="Column" value={f.column} onChange={set("column")} options={COLUMNS.map((c) => ({ value: c, label: COLUMN_LABEL[c]! }))} />
      <Select id="add-group" label="Who it concerns" value={f.group} onChange={set("group")} options={GROUPS.map((g) => ({ value: g, label: GROUP_LABEL[g]! }))} />
      <Textarea id="add-text" label="Wording" value={f.text} onChange={set("text")} />
      <Reason prefix={px} value={f.reason} onChange={(v) => setF({ ...f, reason: v })} />
    </Form>
  );
}

function AddLink({ model, from }: { model: Model; from: ModelNode }) {
  const later = model.nodes.filter((n) => COLUMNS.indexOf(n.column) > COLUMNS.indexOf(from.column) && !model.links.some((l) => l.from === from.id && l.to === n.id));
  const px = `link-${from.id}`;
  const [f, setF, draft] = useModelDraft(model, px, { to: "", reason: "" });
  const { to, reason } = f;
  const setReason = (v: string) => setF({ ...f, reason: v });
  const e = useEdit(model, px, () => {
    draft.saved();
  });
  return (
    <Form prefix={px} offer={draft.offer} title="Link this node to a later one" submitText="Add the link" errors={e.errors} pending={e.pending} onSubmit={() => e.submit(reason, { op: "addLink", from: from.id, to })}>
      <Select id={`${px}-link-to`} label="Leads to" value={to} onChange={(ev) => setF({ ...f, to: ev.target.value })} options={[{ value: "", label: "Choose a node" }, ...later.map((n) => ({ value: n.id, label: `${COLUMN_LABEL[n.column]}: ${n.text.slice(0, 80)}` }))]} />
      <Reason prefix={px} value={reason} onChange={setReason} />
    </Form>
  );
}

function Validation({ model, onSelect }: { model: Model; onSelect: (id: string) => void }) {
  if (model.issues.length === 0) return <p className="govuk-body">No gaps: every output leads somewhere, every outcome has an indicator and every indicator a target.</p>;
  const byCode = new Map<string, Model["issues"]>();
  for (const i of model.issues) byCode.set(i.code, [...(byCode.get(i.code) ?? []), i]);
  return (
    <div data-testid="validation-panel">
      <p className="govuk-body">
        {model.issues.filter((i) => i.severity === "error").length} errors, {model.issues.filter((i) => i.severity === "warning").length} gaps. The report's own models leave the gaps listed here.
      </p>
      {[...byCode.entries()].map(([code, issues]) => (
        <details className="govuk-details" key={code}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">
              {ISSUE_LABEL[code] ?? code} ({issues.length})
            </span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list govuk-list--bullet">
              {issues.map((i, k) => (
                <li key={k}>
                  {i.message}
                  {i.nodeIds[0] ? (
                    <>
                      {" "}
                      <button type="button" className="govuk-link app-link-button" style={{ background: "none", border: 0, padding: 0, cursor: "pointer", color: "#1d70b8", textDecoration: "underline" }} onClick={() => onSelect(i.nodeIds[0]!)}>
                        show node
                      </button>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        </details>
      ))}
    </div>
  );
}

function History({ id }: { id: string }) {
  const q = useQuery(api.logicModels.versions.queryOptions({ id }));
  if (q.isPending) return <Loading what="Loading the history" />;
  if (q.isError) return <QueryError error={q.error} what="The version history" />;
  return (
    <Table
      caption="Version history"
      captionSize="m"
      rows={q.data}
      rowKey={(v) => String(v.number)}
      columns={[
        { header: "Version", cell: (v) => <Link className="govuk-link" to={`?version=${v.number}`}>{v.number}</Link> },
        { header: "When", cell: (v) => formatDateTime(v.createdAt) },
        { header: "Who", cell: (v) => v.createdBy ?? "–" },
        { header: "What changed", cell: (v) => v.change ?? "–" },
        { header: "Why", cell: (v) => v.reason ?? "–" },
      ]}
    />
  );
}

export default function LogicModelPage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const number = params.get("version") ? Number(params.get("version")) : undefined;
  const auth = useAuth();
  const canEdit = auth.can("logicModels:write");
  const q = useQuery(api.logicModels.get.queryOptions(number ? { id, number } : { id }));
  const [selected, setSelected] = useState<string | null>(null);
  if (q.isPending) return <Loading what="Loading the logic model" />;
  if (q.isError) return <QueryError error={q.error} what="The logic model" />;
  const model = q.data;
  const node = model.nodes.find((n) => n.id === selected) ?? null;
  const indicatorById = new Map(model.indicators.map((i) => [i.id, i]));
  const select = (nid: string) => {
    setSelected(nid);
    setTimeout(() => document.getElementById("selected-node")?.focus(), 0);
  };
  return (
    <Page title={model.name} caption={`Logic model · ${model.workstream ?? ""}`}>
      <p className="govuk-body" data-testid="model-version">
        Version {model.number}
        {model.isLatest ? " (current)" : ` (an earlier version; the current one is ${model.version})`}, {formatDateTime(model.createdAt)}
        {model.createdBy ? ` by ${model.createdBy}` : ""}: {model.reason}
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/logic-models">
          All logic models
        </Link>
        {model.programmeId ? (
          <>
            {" · "}
            <Link className="govuk-link" to={`/briefing/${model.programmeId}`}>
              Programme briefing
            </Link>
          </>
        ) : null}
      </p>

      <h2 className="govuk-heading-m">Diagram</h2>
      <p className="govuk-body-s">Inputs → activities → outputs → impacts → outcomes. Drag the diagram to move around it. The diagram is a picture only: the list view, and the tables further down, give the same nodes with the nodes each one leads to and comes from, as links.</p>
      <ModelViews model={model} selected={selected} onSelect={select} />

      {node ? (
        <section aria-labelledby="selected-node" className="govuk-!-margin-top-6" data-testid="node-detail">
          <h2 className="govuk-heading-m" id="selected-node" tabIndex={-1}>
            {COLUMN_LABEL[node.column]}: {node.text}
          </h2>
          <p className="govuk-body">
            Concerns {GROUP_LABEL[node.group]?.toLowerCase()}
            {node.heading ? ` · ${node.heading}` : ""}.
          </p>
          <h3 className="govuk-heading-s">Leads to</h3>
          <div className="govuk-body" data-testid="node-leads-to">
            <NodeLinks ids={neighbours(model.links, node.id).to} nodes={model.nodes} onSelect={select} none="Nothing: this node leads nowhere." />
          </div>
          <h3 className="govuk-heading-s">Comes from</h3>
          <div className="govuk-body" data-testid="node-comes-from">
            <NodeLinks ids={neighbours(model.links, node.id).from} nodes={model.nodes} onSelect={select} none="Nothing leads here." />
          </div>
          <h3 className="govuk-heading-s">Indicators</h3>
          {node.indicatorIds.length === 0 ? <p className="govuk-body">No indicator.</p> : null}
          {node.indicatorIds.map((iid) => {
            const ind = indicatorById.get(iid);
            if (!ind) return <p key={iid}>Unknown indicator {iid}</p>;
            return (
              <div key={iid} className="govuk-inset-text" data-testid={`indicator-${iid}`}>
                <p className="govuk-body govuk-!-font-weight-bold">
                  {ind.title} <StatusTag status={ind.status} />
                </p>
                <p className="govuk-body-s">{ind.measureId ? ind.definition : "Entered by hand each period."}</p>
                {ind.targets.map((t) => (
                  <p className="govuk-body-s" key={t.id}>
                    Target {t.label ?? ""}: {fmt(t.targetValue)} (baseline {fmt(t.baseline)}); latest {fmt(t.actual)}
                    {t.measuredOn ? ` on ${formatDay(t.measuredOn)}` : ""} – {t.reason}
                  </p>
                ))}
                {canEdit && model.isLatest ? (
                  <>
                    <details className="govuk-details">
                      <summary className="govuk-details__summary">
                        <span className="govuk-details__summary-text">Set a target for {ind.title}</span>
                      </summary>
                      <div className="govuk-details__text">
                        <TargetForm model={model} indicatorId={iid} />
                      </div>
                    </details>
                    {ind.measureId === null ? (
                      <details className="govuk-details">
                        <summary className="govuk-details__summary">
                          <span className="govuk-details__summary-text">Record a value for {ind.title}</span>
                        </summary>
                        <div className="govuk-details__text">
                          <MeasurementForm model={model} indicatorId={iid} />
                        </div>
                      </details>
                    ) : null}
                  </>
                ) : null}
              </div>
            );
          })}
          <h3 className="govuk-heading-s">Decisions about this node</h3>
          {node.decisions.length === 0 ? (
            <p className="govuk-body">None recorded.</p>
          ) : (
            <ul className="govuk-list" data-testid="node-decisions">
              {node.decisions.map((d) => (
                <li key={d.id}>
                  <Link className="govuk-link" to={`/decisions?id=${d.id}`}>
                    {d.title}
                  </Link>{" "}
                  ({formatDay(d.decidedAt)})
                </li>
              ))}
            </ul>
          )}
          {auth.can("decisions:write") ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/decisions?node=${encodeURIComponent(node.id)}&label=${encodeURIComponent(node.text)}&new=1`}>
                Record a decision about this node
              </Link>
            </p>
          ) : null}
          {canEdit && model.isLatest ? (
            <>
              <NodeEditor key={`${node.id}-${model.version}`} model={model} node={node} />
              <BindIndicator key={`b-${node.id}-${model.version}`} model={model} node={node} />
              {node.column !== "outcomes" ? <AddLink key={`l-${node.id}-${model.version}`} model={model} from={node} /> : null}
            </>
          ) : null}
        </section>
      ) : null}

      <h2 className="govuk-heading-m govuk-!-margin-top-6">Validation</h2>
      <Validation model={model} onSelect={select} />

      <h2 className="govuk-heading-m">Nodes</h2>
      {COLUMNS.map((column) => {
        const rows = nodesIn(model.nodes, column);
        return (
          <Table
            key={column}
            caption={`${COLUMN_LABEL[column]} (${rows.length})`}
            captionSize="s"
            rows={rows}
            rowKey={(n) => n.id}
            columns={[
              {
                header: "Node",
                cell: (n) => (
                  <button type="button" id={nodeAnchor(n.id)} className="govuk-link" style={{ background: "none", border: 0, padding: 0, textAlign: "left", cursor: "pointer", color: "#1d70b8", textDecoration: "underline", font: "inherit" }} onClick={() => select(n.id)}>
                    {n.text}
                  </button>
                ),
              },
              { header: "Concerns", cell: (n) => GROUP_LABEL[n.group] ?? n.group },
              { header: "Leads to", cell: (n) => <NodeLinks ids={neighbours(model.links, n.id).to} nodes={model.nodes} onSelect={select} none="–" /> },
              { header: "Comes from", cell: (n) => <NodeLinks ids={neighbours(model.links, n.id).from} nodes={model.nodes} onSelect={select} none="–" /> },
              { header: "Indicators", cell: (n) => (n.indicatorIds.length ? n.indicatorIds.map((i) => <StatusTag key={i} status={indicatorById.get(i)?.status ?? null} />) : "–") },
              { header: "Decisions", cell: (n) => n.decisions.length || "–", numeric: true },
            ]}
          />
        );
      })}
      {canEdit && model.isLatest ? <AddNode key={`add-${model.version}`} model={model} /> : null}
      <History id={model.id} />
      <VersionDiff key={`diff-${model.version}`} id={model.id} latest={model.version} />
    </Page>
  );
}
