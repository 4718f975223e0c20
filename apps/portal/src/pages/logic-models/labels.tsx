/** Labels and the status badge shared by the logic model, monitoring, decisions and briefing pages. */
import { Tag, type TagColour } from "@evident/ui";

export const COLUMNS = ["inputs", "activities", "outputs", "impacts", "outcomes"] as const;
export const COLUMN_LABEL: Record<string, string> = { inputs: "Inputs", activities: "Activities", outputs: "Outputs", impacts: "Impacts", outcomes: "Outcomes" };
export const GROUPS = ["children_young_people", "victims", "perpetrators", "parents_carers", "practice", "system"] as const;
export const GROUP_LABEL: Record<string, string> = {
  children_young_people: "Children and young people",
  victims: "Victims",
  perpetrators: "Perpetrators",
  parents_carers: "Parents and carers",
  practice: "Practice",
  system: "System",
};
export const ISSUE_LABEL: Record<string, string> = {
  duplicate_node_id: "Duplicate node",
  dangling_link: "Link to a missing node",
  duplicate_link: "Duplicate link",
  backward_link: "Backward link",
  cycle: "Cycle",
  empty_column: "Empty column",
  leads_nowhere: "Leads nowhere",
  outcome_unsupported: "Outcome nothing leads to",
  outcome_without_indicator: "Outcome with no indicator",
  unknown_indicator: "Unknown indicator",
  unknown_measure: "Unknown measure",
  indicator_without_target: "Indicator with no target",
};

const STATUS: Record<string, { text: string; colour: TagColour }> = {
  on_track: { text: "On track", colour: "green" },
  at_risk: { text: "At risk", colour: "yellow" },
  off_track: { text: "Off track", colour: "red" },
  no_data: { text: "No data", colour: "grey" },
};

export function StatusTag({ status }: { status: string | null }) {
  const s = status ? STATUS[status] : undefined;
  return <Tag colour={s?.colour ?? "grey"}>{s?.text ?? "No target"}</Tag>;
}

export function fmt(n: number | null | undefined, dp = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  return Number.isInteger(n) ? n.toLocaleString("en-GB") : n.toLocaleString("en-GB", { maximumFractionDigits: dp });
}
