/**
 * The logic model's structure in words (WCAG 1.1.1, 1.3.1): the nodes one
 * node leads to and comes from, by name, each a link that opens that node.
 * The diagram is a visual aid only; this is what screen readers and keyboard
 * users follow.
 */
import { COLUMN_LABEL } from "./labels.js";

interface LinkedNode {
  id: string;
  text: string;
  column: string;
}

/** The id of a node's button in the Nodes tables: the target of every link to that node. */
export const nodeAnchor = (id: string) => `node-${id}`;

export function NodeLinks({ ids, nodes, onSelect, none = "None" }: { ids: readonly string[]; nodes: readonly LinkedNode[]; onSelect: (id: string) => void; none?: string }) {
  const linked = ids.map((id) => nodes.find((n) => n.id === id)).filter((n): n is LinkedNode => n !== undefined);
  if (linked.length === 0) return <>{none}</>;
  return (
    <ul className="govuk-list govuk-!-font-size-16 govuk-!-margin-bottom-0">
      {linked.map((n) => (
        <li key={n.id}>
          <a
            className="govuk-link"
            href={`#${nodeAnchor(n.id)}`}
            onClick={(e) => {
              e.preventDefault();
              onSelect(n.id);
            }}
          >
            <span className="govuk-visually-hidden">{COLUMN_LABEL[n.column]}: </span>
            {n.text}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The ids of the nodes `id` leads to and comes from. */
export function neighbours(links: readonly { from: string; to: string }[], id: string): { to: string[]; from: string[] } {
  return { to: links.filter((l) => l.from === id).map((l) => l.to), from: links.filter((l) => l.to === id).map((l) => l.from) };
}
