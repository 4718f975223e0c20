/**
 * A logic-model diagram (the model page and the version diff): boxes laid
 * out by ELK (layout.ts; plain columns for the moment ELK takes) in five headed columns, drawn by React Flow at 100%
 * with the text wrapped inside each box, and zoom buttons above it. Dragging
 * pans; the page still scrolls with the wheel. The picture is hidden from
 * screen readers: the list view and the tables say the same in words.
 */
import "@xyflow/react/dist/style.css";
import { Button } from "@evident/ui";
import { Background, Handle, Position, ReactFlow, ReactFlowProvider, useNodesInitialized, useReactFlow, useViewport, type Edge, type Node, type NodeProps } from "@xyflow/react";
import { useEffect, useMemo, useState, type CSSProperties } from "react";
import { COLUMN_LABEL, COLUMNS } from "./labels.js";
import { columnHeadings, columnLayout, FONT_SIZE, layOut, LINE_HEIGHT, NODE_WIDTH, PADDING_X, PADDING_Y, rememberedLayout, type LayoutBox, type Placed } from "./layout.js";

export interface FlowBox extends LayoutBox {
  background: string;
  border: string;
  borderWidth?: number;
  dashed?: boolean;
  opacity?: number;
}

export interface FlowLink {
  id: string;
  from: string;
  to: string;
  stroke: string;
  width?: number;
  dashed?: boolean;
}

type BoxData = { box: FlowBox };
type HeadingData = { label: string };

const hidden: CSSProperties = { opacity: 0, pointerEvents: "none" };

function BoxNode({ data }: NodeProps<Node<BoxData>>) {
  const b = data.box;
  return (
    <div
      className="app-flow-box"
      data-box-id={b.id}
      style={{
        width: NODE_WIDTH,
        boxSizing: "border-box",
        padding: `${PADDING_Y}px ${PADDING_X}px`,
        background: b.background,
        border: `${b.borderWidth ?? 1}px ${b.dashed ? "dashed" : "solid"} ${b.border}`,
        borderRadius: 4,
        opacity: b.opacity ?? 1,
        color: "#0b0c0c",
        fontSize: FONT_SIZE,
        lineHeight: `${LINE_HEIGHT}px`,
        overflowWrap: "anywhere",
        overflow: "hidden",
        cursor: "pointer",
      }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} style={hidden} />
      <div className="app-flow-box__text">{b.text}</div>
      {b.note ? <div className="app-flow-box__note" style={{ fontWeight: 700 }}>{b.note}</div> : null}
      <Handle type="source" position={Position.Right} isConnectable={false} style={hidden} />
    </div>
  );
}

function HeadingNode({ data }: NodeProps<Node<HeadingData>>) {
  return <div style={{ width: NODE_WIDTH, fontSize: 19, lineHeight: "25px", fontWeight: 700, color: "#0b0c0c" }}>{data.label}</div>;
}

const NODE_TYPES = { box: BoxNode, heading: HeadingNode };

function ZoomButtons() {
  const flow = useReactFlow();
  const { zoom } = useViewport();
  return (
    <div className="govuk-button-group govuk-!-margin-bottom-2" role="group" aria-label="Zoom the diagram">
      <Button variant="secondary" onClick={() => flow.zoomIn({ duration: 0 })}>
        Zoom in
      </Button>
      <Button variant="secondary" onClick={() => flow.zoomOut({ duration: 0 })}>
        Zoom out
      </Button>
      <Button variant="secondary" onClick={() => flow.zoomTo(1, { duration: 0 })}>
        Actual size
      </Button>
      <Button variant="secondary" onClick={() => flow.fitView({ duration: 0 })}>
        Show it all
      </Button>
      <span className="govuk-body-s govuk-!-margin-bottom-0" data-testid="diagram-zoom">
        Zoom {Math.round(zoom * 100)}%
      </span>
    </div>
  );
}

function Drawing({ boxes, links, testId, height, onSelect }: { boxes: readonly FlowBox[]; links: readonly FlowLink[]; testId: string; height: number; onSelect?: ((id: string) => void) | undefined }) {
  // Heights drawn taller than measured (a late web font): laid out again with them.
  const [heights, setHeights] = useState<ReadonlyMap<string, number>>(new Map());
  // Lay out again only when the boxes' words, columns or links change, not when a box is highlighted.
  const key = JSON.stringify([boxes.map((b) => [b.id, b.column, b.text, b.note ?? ""]), links.map((l) => [l.from, l.to]), [...heights]]);
  const [laid, setLaid] = useState<{ key: string; at: Map<string, Placed> } | null>(null);
  // ELK's layout once it has answered (or remembered from before); plain columns until then.
  const at = useMemo(() => (laid?.key === key ? laid.at : (rememberedLayout(boxes, links, heights) ?? columnLayout(boxes, heights))), [key, laid]);
  useEffect(() => {
    let live = true;
    layOut(boxes, links, heights).then(
      (placed) => live && setLaid({ key, at: placed }),
      () => undefined, // ELK failed: the plain columns stay.
    );
    return () => {
      live = false;
    };
    // `key` stands for the boxes, links and heights.
  }, [key]);
  const nodes = useMemo<Node[]>(() => {
    const headings = columnHeadings(boxes, at).map((h) => ({ id: `heading-${h.column}`, type: "heading", position: { x: h.x, y: 0 }, data: { label: COLUMN_LABEL[COLUMNS[h.column]!] ?? "" }, draggable: false, selectable: false }));
    const placedBoxes = boxes.flatMap((b) => {
      const p = at.get(b.id);
      return p ? [{ id: b.id, type: "box", position: { x: p.x, y: p.y }, data: { box: b }, draggable: false }] : [];
    });
    return [...headings, ...placedBoxes];
  }, [boxes, at]);
  const edges = useMemo<Edge[]>(
    () => links.map((l) => ({ id: l.id, source: l.from, target: l.to, style: { stroke: l.stroke, strokeWidth: l.width ?? 1.5, ...(l.dashed ? { strokeDasharray: "6 4" } : {}) } })),
    [links],
  );
  return (
    <>
      <ZoomButtons />
      <div style={{ height, border: "1px solid #b1b4b6", background: "#ffffff" }} aria-hidden="true" data-testid={testId}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          defaultViewport={{ x: 16, y: 8, zoom: 1 }}
          minZoom={0.2}
          maxZoom={2}
          nodesConnectable={false}
          nodesDraggable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          disableKeyboardA11y
          zoomOnScroll={false}
          zoomOnDoubleClick={false}
          preventScrolling={false}
          onNodeClick={(_e, n) => n.type === "box" && onSelect?.(n.id)}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Refine at={at} onTaller={setHeights} />
        </ReactFlow>
      </div>
    </>
  );
}

/** Once the boxes are drawn: any drawn taller than laid out (a late web font) is reported, to be laid out again. */
function Refine({ at, onTaller }: { at: ReadonlyMap<string, Placed>; onTaller: (heights: ReadonlyMap<string, number>) => void }) {
  const initialised = useNodesInitialized();
  const flow = useReactFlow();
  useEffect(() => {
    if (!initialised) return;
    const drawn = new Map(flow.getNodes().flatMap((n) => (n.type === "box" && n.measured?.height ? [[n.id, Math.ceil(n.measured.height)] as const] : [])));
    if ([...drawn].some(([id, h]) => h > (at.get(id)?.height ?? 0) + 1)) onTaller(drawn);
    // Checked for each layout.
  }, [initialised, at]);
  return null;
}

export function FlowDiagram(props: { boxes: readonly FlowBox[]; links: readonly FlowLink[]; testId: string; height?: number; onSelect?: (id: string) => void }) {
  return (
    <ReactFlowProvider>
      <Drawing {...props} height={props.height ?? 600} />
    </ReactFlowProvider>
  );
}
