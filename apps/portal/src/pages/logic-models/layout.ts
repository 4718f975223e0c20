/**
 * Where each box of a logic-model diagram goes (issue 17: the old diagram
 * shrank 60 boxes into one view, about 3 px text spilling out of its boxes).
 *
 * Each box is a fixed width with its text wrapped inside at 16 px, so its
 * height comes from its text: the lines are measured with the page's own
 * font on a canvas. ELK's layered layout (elkjs, loaded only with the
 * diagram) then places the boxes in the five columns, in the order that
 * crosses the fewest links, with room between them. The diagram opens at
 * 100% and is panned and zoomed from there.
 *
 * Fast: ELK (1.6 MB, 0.3–1 s for a 60-box model on the 2-core machine) runs
 * in a Web Worker (elkjs's own worker build), so the page never freezes;
 * until it answers, the boxes stand in plain columns (`columnLayout`, a few
 * milliseconds). Each layout is kept in the browser's local storage under a
 * hash of the boxes' words, sizes and links, so a model seen before opens
 * with its final layout at once; any edit changes the hash.
 */
import ELK, { type ElkNode } from "elkjs/lib/elk-api.js";
import elkWorkerUrl from "elkjs/lib/elk-worker.min.js?url";

export const NODE_WIDTH = 260;
export const FONT_SIZE = 16;
export const LINE_HEIGHT = 22;
export const PADDING_X = 12;
export const PADDING_Y = 10;
/** Room above the boxes for each column's heading. */
export const HEADING_HEIGHT = 44;

export interface LayoutBox {
  id: string;
  /** The column's position, left to right (inputs = 0 … outcomes = 4). */
  column: number;
  text: string;
  /** A second line under the text (e.g. "2 indicators"), or none. */
  note?: string | undefined;
}

export interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}

let canvas: HTMLCanvasElement | null = null;
let pageFont: string | null = null;
const sizes = new Map<string, { width: number; height: number }>();

/** How many lines `text` wraps to in `width` px at the page's font (words broken only when one alone is too wide). */
export function lineCount(text: string, width: number): number {
  const ctx = typeof document === "undefined" ? null : (canvas ??= document.createElement("canvas")).getContext("2d");
  if (ctx) ctx.font = pageFont ??= `${FONT_SIZE}px ${getComputedStyle(document.body).fontFamily}`;
  // Without a canvas (tests, very old browsers) assume a wide average character.
  const measure = ctx ? (s: string) => ctx.measureText(s).width : (s: string) => s.length * FONT_SIZE * 0.6;
  const space = measure(" ");
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let current = 0;
    lines += 1;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const w = measure(word);
      if (current > 0 && current + space + w <= width) {
        current += space + w;
        continue;
      }
      if (current > 0) lines += 1;
      // A word wider than the box breaks across lines.
      const extra = Math.max(0, Math.ceil(w / width) - 1);
      lines += extra;
      current = w - extra * width;
    }
  }
  return lines;
}

/** A box's size from its text; 10% slack for a web font that arrives after measuring. Measured once per text. */
export function boxSize(box: Pick<LayoutBox, "text" | "note">): { width: number; height: number } {
  const key = `${box.text}\u0000${box.note ?? ""}`;
  let size = sizes.get(key);
  if (!size) {
    const inner = NODE_WIDTH - 2 * PADDING_X - 4;
    const lines = lineCount(box.text, inner * 0.9) + (box.note ? lineCount(box.note, inner * 0.9) : 0);
    sizes.set(key, (size = { width: NODE_WIDTH, height: lines * LINE_HEIGHT + 2 * PADDING_Y + 4 }));
  }
  return size;
}

/** Room between columns and between boxes. */
const COLUMN_GAP = 96;
const BOX_GAP = 20;

/** The stand-in while ELK works: each column's boxes stacked in the order given. */
export function columnLayout(boxes: readonly LayoutBox[], heights: ReadonlyMap<string, number> = new Map()): Map<string, Placed> {
  const y = new Map<number, number>();
  const out = new Map<string, Placed>();
  for (const b of boxes) {
    const height = Math.max(boxSize(b).height, heights.get(b.id) ?? 0);
    const top = y.get(b.column) ?? HEADING_HEIGHT;
    out.set(b.id, { x: b.column * (NODE_WIDTH + COLUMN_GAP), y: top, width: NODE_WIDTH, height });
    y.set(b.column, top + height + BOX_GAP);
  }
  return out;
}

let elk: InstanceType<typeof ELK> | null = null;

/** FNV-1a, enough to tell layouts apart in local storage. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const STORE_PREFIX = "evident.diagram-layout.";

function remembered(key: string): Map<string, Placed> | null {
  try {
    const raw = localStorage.getItem(STORE_PREFIX + key);
    return raw ? new Map(JSON.parse(raw) as [string, Placed][]) : null;
  } catch {
    return null;
  }
}

function remember(key: string, placed: Map<string, Placed>) {
  try {
    localStorage.setItem(STORE_PREFIX + key, JSON.stringify([...placed]));
  } catch {
    // Storage full or switched off: lay out again next time.
  }
}

/** A layout already worked out for exactly these boxes, sizes and links (none if not seen before). */
export function rememberedLayout(boxes: readonly LayoutBox[], links: readonly { from: string; to: string }[], heights: ReadonlyMap<string, number> = new Map()): Map<string, Placed> | null {
  return remembered(layoutKey(boxes, links, heights));
}

function layoutKey(boxes: readonly LayoutBox[], links: readonly { from: string; to: string }[], heights: ReadonlyMap<string, number>): string {
  return hash(JSON.stringify(["v2", boxes.map((b) => [b.id, b.column, Math.max(boxSize(b).height, heights.get(b.id) ?? 0)]), links.map((l) => [l.from, l.to])]));
}

/**
 * Places the boxes: column by column left to right (ELK partitions), links
 * drawn between them. Links to boxes not in the diagram are left out.
 * `heights` overrides measured heights (a second pass once the boxes are drawn).
 */
export async function layOut(boxes: readonly LayoutBox[], links: readonly { from: string; to: string }[], heights: ReadonlyMap<string, number> = new Map()): Promise<Map<string, Placed>> {
  const key = layoutKey(boxes, links, heights);
  const known = remembered(key);
  if (known) return known;
  elk ??= new ELK({ workerUrl: elkWorkerUrl });
  const ids = new Set(boxes.map((b) => b.id));
  const boxSizes = new Map(boxes.map((b) => [b.id, boxSize(b)]));
  const graph: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.partitioning.activate": "true",
      "elk.layered.spacing.nodeNodeBetweenLayers": String(COLUMN_GAP),
      "elk.spacing.nodeNode": String(BOX_GAP),
      "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      "elk.padding": `[top=${HEADING_HEIGHT},left=0,bottom=0,right=0]`,
    },
    children: boxes.map((b) => ({
      id: b.id,
      width: NODE_WIDTH,
      height: Math.max(boxSizes.get(b.id)!.height, heights.get(b.id) ?? 0),
      layoutOptions: { "elk.partitioning.partition": String(b.column) },
    })),
    edges: links.filter((l) => ids.has(l.from) && ids.has(l.to) && l.from !== l.to).map((l, i) => ({ id: `e${i}`, sources: [l.from], targets: [l.to] })),
  };
  const laid = await elk.layout(graph);
  const placed = compact(new Map((laid.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? NODE_WIDTH, height: c.height ?? 0 }])));
  remember(key, placed);
  return placed;
}

/**
 * ELK's order kept, its spacing tightened: each layer of boxes moved next to
 * the one before (no empty layers where only long links pass) and stacked
 * from the top, so the diagram at 100% opens on the first boxes of every
 * column, not on the space ELK leaves to centre a short column on a long one.
 */
export function compact(placed: ReadonlyMap<string, Placed>): Map<string, Placed> {
  const layers = [...new Set([...placed.values()].map((p) => Math.round(p.x)))].sort((a, b) => a - b);
  const out = new Map<string, Placed>();
  layers.forEach((x, slot) => {
    let y = HEADING_HEIGHT;
    for (const [id, p] of [...placed].filter(([, p]) => Math.round(p.x) === x).sort((a, b) => a[1].y - b[1].y)) {
      out.set(id, { ...p, x: slot * (NODE_WIDTH + COLUMN_GAP), y });
      y += p.height + BOX_GAP;
    }
  });
  return out;
}

/** Where each column's heading goes: above its leftmost box (columns with no box have none). */
export function columnHeadings(boxes: readonly LayoutBox[], placed: ReadonlyMap<string, Placed>): { column: number; x: number }[] {
  const xs = new Map<number, number>();
  for (const b of boxes) {
    const p = placed.get(b.id);
    if (p) xs.set(b.column, Math.min(xs.get(b.column) ?? Infinity, p.x));
  }
  return [...xs.entries()].sort((a, b) => a[0] - b[0]).map(([column, x]) => ({ column, x }));
}
