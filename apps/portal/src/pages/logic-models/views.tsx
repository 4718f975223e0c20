/**
 * A logic model shown two ways, with a choice between them: the diagram
 * (flow.tsx) or a list of the nodes column by column, each with whom it
 * concerns, the nodes it leads to and its indicators' status. The list is
 * what a screen reader or keyboard user reads (the diagram is a picture
 * only), and what anyone can print or search.
 */
import { useMemo, useState } from "react";
import type { RouterOutputs } from "../../lib/trpc.js";
import { FlowDiagram, type FlowBox, type FlowLink } from "./flow.js";
import { COLUMN_LABEL, COLUMNS, GROUP_LABEL, GROUPS, StatusTag } from "./labels.js";
import { neighbours, NodeLinks } from "./node-links.js";

type Model = RouterOutputs["logicModels"]["get"];

const COLOURS: Record<string, string> = { inputs: "#f3f2f1", activities: "#e8f1f8", outputs: "#e5f4ee", impacts: "#fff7e6", outcomes: "#f4e8f5" };

/** The model's nodes in a column, in the order the tables and the list use (by whom they concern). */
export function nodesIn<N extends { column: string; group: string }>(nodes: readonly N[], column: string): N[] {
  return nodes.filter((n) => n.column === column).sort((a, b) => GROUPS.indexOf(a.group as never) - GROUPS.indexOf(b.group as never));
}

const indicatorNote = (count: number) => (count === 0 ? undefined : count === 1 ? "1 indicator" : `${count} indicators`);

function ModelDiagram({ model, selected, onSelect }: { model: Model; selected: string | null; onSelect: (id: string) => void }) {
  const boxes = useMemo<FlowBox[]>(
    () =>
      COLUMNS.flatMap((column, ci) =>
        nodesIn(model.nodes, column).map((n) => ({
          id: n.id,
          column: ci,
          text: n.text,
          note: indicatorNote(n.indicatorIds.length),
          background: COLOURS[column]!,
          border: n.id === selected ? "#1d70b8" : "#b1b4b6",
          borderWidth: n.id === selected ? 3 : 1,
        })),
      ),
    [model, selected],
  );
  const links = useMemo<FlowLink[]>(() => model.links.map((l) => ({ id: `${l.from}>${l.to}`, from: l.from, to: l.to, stroke: "#505a5f" })), [model]);
  return <FlowDiagram boxes={boxes} links={links} testId="logic-diagram" onSelect={onSelect} />;
}

function ModelList({ model, onSelect }: { model: Model; onSelect: (id: string) => void }) {
  const indicatorById = new Map(model.indicators.map((i) => [i.id, i]));
  return (
    <div data-testid="logic-list">
      {COLUMNS.map((column) => {
        const nodes = nodesIn(model.nodes, column);
        return (
          <section key={column} aria-labelledby={`list-${column}`}>
            <h3 className="govuk-heading-s" id={`list-${column}`}>
              {COLUMN_LABEL[column]} ({nodes.length})
            </h3>
            {nodes.length === 0 ? (
              <p className="govuk-body">None.</p>
            ) : (
              <ol className="govuk-list govuk-list--number">
                {nodes.map((n) => {
                  const to = neighbours(model.links, n.id).to;
                  return (
                    <li key={n.id} data-testid="logic-list-node" className="govuk-!-margin-bottom-4">
                      <button type="button" className="govuk-link app-link-button" style={{ background: "none", border: 0, padding: 0, textAlign: "left", cursor: "pointer", color: "#1d70b8", textDecoration: "underline", font: "inherit" }} onClick={() => onSelect(n.id)}>
                        {n.text}
                      </button>
                      <span className="govuk-body-s"> · concerns {(GROUP_LABEL[n.group] ?? n.group).toLowerCase()}</span>
                      {to.length ? (
                        <div className="govuk-body-s govuk-!-margin-bottom-0">
                          Leads to:
                          <NodeLinks ids={to} nodes={model.nodes} onSelect={onSelect} />
                        </div>
                      ) : null}
                      {n.indicatorIds.length ? (
                        <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-0">
                          {n.indicatorIds.map((iid) => (
                            <li key={iid}>
                              Indicator: {indicatorById.get(iid)?.title ?? "unknown"} <StatusTag status={indicatorById.get(iid)?.status ?? null} />
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** The choice between the diagram and the list, then the one chosen. */
export function ModelViews({ model, selected, onSelect }: { model: Model; selected: string | null; onSelect: (id: string) => void }) {
  const [view, setView] = useState<"diagram" | "list">("diagram");
  return (
    <>
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Show the model as</legend>
          <div className="govuk-radios govuk-radios--inline govuk-radios--small">
            {(
              [
                ["diagram", "A diagram"],
                ["list", "A list"],
              ] as const
            ).map(([value, label]) => (
              <div className="govuk-radios__item" key={value}>
                <input className="govuk-radios__input" id={`model-view-${value}`} name="model-view" type="radio" value={value} checked={view === value} onChange={() => setView(value)} />
                <label className="govuk-label govuk-radios__label" htmlFor={`model-view-${value}`}>
                  {label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      {view === "diagram" ? <ModelDiagram model={model} selected={selected} onSelect={onSelect} /> : <ModelList model={model} onSelect={onSelect} />}
    </>
  );
}
