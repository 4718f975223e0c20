import { ASSIGNMENT_SOURCE_LABEL, type TAssignmentSource } from "@evident/core";
import { Tag, type TagColour } from "@evident/ui";
import { percent } from "../lib/format.js";

/** Coverage against the target as a bar with the target marked, plus the figure in words. */
export function Meter({ share, target, label }: { share: number | null; target: number; label?: string }) {
  const met = share !== null && share >= target - 1e-9;
  return (
    <span className="app-meter">
      <span className="app-meter__bar" aria-hidden="true">
        <span className={`app-meter__fill${met ? " app-meter__fill--met" : ""}`} style={{ width: `${Math.round((share ?? 0) * 100)}%` }} />
        <span className="app-meter__target" style={{ left: `${target * 100}%` }} />
      </span>
      <span>
        {percent(share)}
        <span className="govuk-visually-hidden">
          {label ? ` of ${label}` : ""}, target {percent(target)}
        </span>
      </span>
    </span>
  );
}

const STATE: Record<string, [string, TagColour]> = {
  done: ["Done", "green"],
  overdue: ["Overdue", "red"],
  due_soon: ["Due soon", "orange"],
  open: ["To do", "blue"],
  valid: ["Valid", "green"],
  expiring_soon: ["Expiring soon", "orange"],
  expired: ["Expired", "red"],
  never_completed: ["Not done", "grey"],
  ok: ["Enough", "green"],
  at_risk: ["At risk", "orange"],
  below: ["Below need", "red"],
};

export function StateTag({ state }: { state: string }) {
  const [text, colour] = STATE[state] ?? [state, "grey"];
  return <Tag colour={colour}>{text}</Tag>;
}

/** How an assignment was made, in words: "Onboarding plan", "Change of role", "By hand: Terry Trainer". */
export function howAssigned(a: { source: TAssignmentSource; assignedBy: string | null }): string {
  return a.source === "manual" ? (a.assignedBy ? `By hand: ${a.assignedBy}` : "By hand") : ASSIGNMENT_SOURCE_LABEL[a.source];
}
