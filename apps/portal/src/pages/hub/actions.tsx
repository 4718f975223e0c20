/**
 * Marking a team-around-the-family meeting's action done (or open again).
 * The change carries the action's version; if someone else changed it first
 * the API answers CONFLICT and the meeting is refreshed.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { saveProblem } from "../../lib/record-form.js";
import { api, errorInfo } from "../../lib/trpc.js";

export interface MeetingActionRow {
  id: string;
  description: string;
  ownerAgency: string | null;
  ownerStaffId: string | null;
  dueDate: string | null;
  done: boolean;
  doneAt: string | null;
  version: number;
}

export function ActionDoneButton({ a, onDone }: { a: MeetingActionRow; onDone: (message: string, ok: boolean) => void }) {
  const queryClient = useQueryClient();
  const update = useMutation(api.hub.actions.update.mutationOptions());
  const run = async () => {
    try {
      await update.mutateAsync({ id: a.id, version: a.version, patch: { done: !a.done } });
      onDone(a.done ? `Action reopened: ${a.description}` : `Action done: ${a.description}`, true);
    } catch (error) {
      const info = errorInfo(error);
      onDone(info.code === "CONFLICT" ? "Someone else changed this action first; the meeting now shows what they saved. Try again if it still applies." : saveProblem(error), false);
    } finally {
      await queryClient.invalidateQueries({ queryKey: api.hub.pathKey() });
    }
  };
  return (
    <button type="button" className="app-sort-button" disabled={update.isPending} onClick={() => void run()}>
      {a.done ? "Reopen" : "Mark done"}
      <span className="govuk-visually-hidden">: {a.description}</span>
    </button>
  );
}
