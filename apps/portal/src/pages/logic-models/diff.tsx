/**
 * What changed between two versions of a logic model: the API's version diff
 * (`logicModels.diff`, computed by @evident/core `diffLogicModels`) shown as a
 * diagram of the later version with the changes highlighted (added nodes and
 * links green, changed nodes orange, removed nodes and links red and dashed)
 * and the same changes as a table, which is what keyboard and screen reader
 * users read (the diagram is hidden from them, as on the model page).
 */
import { Select, Table, Tag } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Loading, QueryError } from "../../components/errors.js";
import { api, type RouterOutputs } from "../../lib/trpc.js";
import { FlowDiagram, type FlowBox, type FlowLink } from "./flow.js";
import { COLUMN_LABEL, COLUMNS, GROUP_LABEL } from "./labels.js";
import { nodesIn } from "./views.js";

type Diff = RouterOutputs["logicModels"]["diff"];
type Model = RouterOutputs["logicModels"]["get"];
type DiffNode = Diff["nodesAdded"][number];

const KIND = {
  added: { text: "Added", colour: "green", border: "#00703c", background: "#cce2d8" },
  removed: { text: "Removed", colour: "red", border: "#d4351c", background: "#f6d7d2" },
  changed: { text: "Changed", colour: "orange", border: "#f47738", background: "#fcd6c3" },
} as const;
type Kind = keyof typeof KIND;

const FIELD_LABEL: Record<string, string> = { column: "column", group: "who it concerns", text: "text", heading: "heading", indicatorIds: "indicators" };

function describe(n: DiffNode): string {
  return `${n.text} (${COLUMN_LABEL[n.column] ?? n.column}, ${GROUP_LABEL[n.group] ?? n.group})`;
}

function DiffDiagram({ after, diff }: { after: Model; diff: Diff }) {
  const { boxes, links } = useMemo(() => {
    const kindOf = new Map<string, Kind>();
    for (const n of diff.nodesAdded) kindOf.set(n.id, "added");
    for (const n of diff.nodesRemoved) kindOf.set(n.id, "removed");
    for (const c of diff.nodesChanged) kindOf.set(c.after.id, "changed");
    const all = [...after.nodes, ...diff.nodesRemoved];
    const boxes: FlowBox[] = COLUMNS.flatMap((column, ci) =>
      nodesIn(all, column).map((n) => {
        const kind = kindOf.get(n.id);
        return {
          id: n.id,
          column: ci,
          text: kind ? `${KIND[kind].text}: ${n.text}` : n.text,
          background: kind ? KIND[kind].background : "#ffffff",
          border: kind ? KIND[kind].border : "#b1b4b6",
          borderWidth: kind ? 3 : 1,
          dashed: kind === "removed",
          opacity: kind ? 1 : 0.7,
        };
      }),
    );
    const key = (l: { from: string; to: string }) => `${l.from}>${l.to}`;
    const added = new Set(diff.linksAdded.map(key));
    const links: FlowLink[] = [
      ...after.links.map((l) => ({ id: key(l), from: l.from, to: l.to, ...(added.has(key(l)) ? { stroke: KIND.added.border, width: 3 } : { stroke: "#b1b4b6" }) })),
      ...diff.linksRemoved.map((l) => ({ id: `removed:${key(l)}`, from: l.from, to: l.to, stroke: KIND.removed.border, width: 3, dashed: true })),
    ];
    return { boxes, links };
  }, [after, diff]);
  return <FlowDiagram boxes={boxes} links={links} testId="diff-diagram" height={480} />;
}

interface Row {
  key: string;
  kind: Kind;
  what: string;
  before: string;
  after: string;
}

function rowsOf(diff: Diff, textOf: (id: string) => string): Row[] {
  const rows: Row[] = [];
  for (const n of diff.nodesAdded) rows.push({ key: `na:${n.id}`, kind: "added", what: "Node", before: "–", after: describe(n) });
  for (const n of diff.nodesRemoved) rows.push({ key: `nr:${n.id}`, kind: "removed", what: "Node", before: describe(n), after: "–" });
  for (const c of diff.nodesChanged) {
    rows.push({ key: `nc:${c.after.id}`, kind: "changed", what: `Node (${c.fields.map((f) => FIELD_LABEL[f] ?? f).join(", ")})`, before: describe(c.before), after: `${describe(c.after)}${c.fields.includes("indicatorIds") ? `; indicators: ${c.after.indicatorIds.join(", ") || "none"}` : ""}` });
  }
  for (const l of diff.linksAdded) rows.push({ key: `la:${l.from}>${l.to}`, kind: "added", what: "Link", before: "–", after: `${textOf(l.from)} → ${textOf(l.to)}` });
  for (const l of diff.linksRemoved) rows.push({ key: `lr:${l.from}>${l.to}`, kind: "removed", what: "Link", before: `${textOf(l.from)} → ${textOf(l.to)}`, after: "–" });
  return rows;
}

/** Compare two versions of a model; defaults to the one before the current and the current. */
export function VersionDiff({ id, latest }: { id: string; latest: number }) {
  const [from, setFrom] = useState(Math.max(1, latest - 1));
  const [to, setTo] = useState(latest);
  const versions = Array.from({ length: latest }, (_, i) => i + 1);
  const ok = from !== to;
  const [a, b] = from < to ? [from, to] : [to, from];
  const diff = useQuery({ ...api.logicModels.diff.queryOptions({ id, from: a, to: b }), enabled: ok && latest > 1 });
  const before = useQuery({ ...api.logicModels.get.queryOptions({ id, number: a }), enabled: ok && latest > 1 });
  const after = useQuery({ ...api.logicModels.get.queryOptions({ id, number: b }), enabled: ok && latest > 1 });
  if (latest < 2) return <p className="govuk-body">There is only one version of this model, so there is nothing to compare yet.</p>;
  const textOf = (nid: string) => after.data?.nodes.find((n) => n.id === nid)?.text ?? before.data?.nodes.find((n) => n.id === nid)?.text ?? nid;
  return (
    <section aria-labelledby="compare-versions" data-testid="version-diff">
      <h2 className="govuk-heading-m" id="compare-versions">
        Compare versions
      </h2>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <Select id="diff-from" label="Earlier version" value={String(from)} onChange={(e) => setFrom(Number(e.target.value))} options={versions.map((v) => ({ value: String(v), label: `Version ${v}` }))} />
        </div>
        <div className="govuk-grid-column-one-half">
          <Select id="diff-to" label="Later version" value={String(to)} onChange={(e) => setTo(Number(e.target.value))} options={versions.map((v) => ({ value: String(v), label: `Version ${v}${v === latest ? " (current)" : ""}` }))} />
        </div>
      </div>
      {!ok ? (
        <p className="govuk-body">Choose two different versions.</p>
      ) : diff.isPending || before.isPending || after.isPending ? (
        <Loading what="Comparing the versions" />
      ) : diff.isError ? (
        <QueryError error={diff.error} what="The comparison" />
      ) : before.isError || after.isError ? (
        <QueryError error={before.error ?? after.error} what="The versions" />
      ) : diff.data.unchanged && diff.data.modelFields.length === 0 ? (
        <p className="govuk-body">Nothing in the diagram changed between version {a} and version {b}.</p>
      ) : (
        <>
          <p className="govuk-body" data-testid="diff-summary">
            From version {a} to version {b}: {diff.data.nodesAdded.length} node{diff.data.nodesAdded.length === 1 ? "" : "s"} added, {diff.data.nodesRemoved.length} removed, {diff.data.nodesChanged.length} changed; {diff.data.linksAdded.length} link{diff.data.linksAdded.length === 1 ? "" : "s"} added, {diff.data.linksRemoved.length} removed.
            {diff.data.modelFields.length ? ` The model's ${diff.data.modelFields.join(" and ")} changed.` : ""}
          </p>
          <p className="govuk-body-s">
            In the diagram: <Tag colour="green">Added</Tag> <Tag colour="orange">Changed</Tag> <Tag colour="red">Removed</Tag> (removed nodes and links are dashed). The table lists the same changes.
          </p>
          <DiffDiagram after={after.data} diff={diff.data} />
          <Table
            caption={`Changes from version ${a} to version ${b}`}
            captionSize="s"
            rows={rowsOf(diff.data, textOf)}
            rowKey={(r) => r.key}
            columns={[
              { header: "Change", cell: (r) => <Tag colour={KIND[r.kind].colour}>{KIND[r.kind].text}</Tag> },
              { header: "What", cell: (r) => r.what },
              { header: `Version ${a}`, cell: (r) => r.before },
              { header: `Version ${b}`, cell: (r) => r.after },
            ]}
          />
        </>
      )}
    </section>
  );
}
