/**
 * Withdrawing someone from a group (the date and the reason, both required by
 * the core's date rules, checked again by the API) and re-instating them (the
 * core says what the record goes back to). A withdrawn person leaves the
 * register and is never counted as a completer.
 */
import { reinstatement } from "@evident/core";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button, DateInput, ErrorSummary, Input, summaryErrors, DraftOfferBanner, useFormDraft } from "@evident/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { explainFailedSave, notFuture, requiredDate, saveProblem } from "../../lib/record-form.js";
import type { GroupEnrolmentRow } from "../../lib/shapes.js";
import { api, errorInfo } from "../../lib/trpc.js";

type Enrolment = GroupEnrolmentRow;

const ZForm = z.object({
  withdrawnAt: requiredDate("the date they withdrew").refine(notFuture, { message: "The withdrawal date cannot be in the future" }),
  withdrawalReason: z.string().trim().min(1, "Give the reason they withdrew").max(200, "The reason must be 200 characters or fewer"),
});
type TForm = z.infer<typeof ZForm>;

const CONFLICT_TEXT = "Someone else changed this person's place in the group while you were editing. The table now shows what they saved; what you typed is still here.";

export function WithdrawForm({ e, onDone }: { e: Enrolment; onDone: (message: string | null) => void }) {
  const queryClient = useQueryClient();
  const key = `enrolment:withdraw:${e.id}`;
  const ids = { withdrawnAt: `withdrawn-at-${e.id}`, withdrawalReason: `withdrawal-reason-${e.id}` };
  const [problem, setProblem] = useState<string | null>(null);
  const update = useMutation(api.programmes.enrolments.update.mutationOptions());
  const form = useForm<TForm>({ shouldFocusError: false, resolver: zodResolver(ZForm), defaultValues: { withdrawnAt: "", withdrawalReason: "" } });
  const draft = useFormDraft(form, key);
  const errors = form.formState.errors;
  const name = `${e.person.firstName} ${e.person.lastName}`;
  const onSubmit = form.handleSubmit(async (v) => {
    setProblem(null);
    try {
      await update.mutateAsync({ id: e.id, version: e.version, patch: { status: "withdrawn", withdrawnAt: v.withdrawnAt, withdrawalReason: v.withdrawalReason.trim() } });
      draft.saved();
      await queryClient.invalidateQueries({ queryKey: api.programmes.pathKey() });
      onDone(`${name} withdrawn from the group`);
    } catch (error) {
      draft.keepNow(v);
      const info = explainFailedSave(error, { setError: form.setError, fields: Object.keys(ids), setProblem }, { otherwise: (i) => i.code === "CONFLICT" });
      if (info.code === "CONFLICT") {
        setProblem(CONFLICT_TEXT);
        await queryClient.invalidateQueries({ queryKey: api.programmes.pathKey() });
      }
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label={`Withdraw ${name}`} className="govuk-!-margin-bottom-6" data-testid="withdraw-form">
      <h3 className="govuk-heading-s">Withdraw {name}</h3>
      <ErrorSummary errors={summaryErrors(errors, ids)} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      <Controller control={form.control} name="withdrawnAt" render={({ field }) => <DateInput id={ids.withdrawnAt} legend="Date they withdrew" legendSize="s" error={errors.withdrawnAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Input id={ids.withdrawalReason} label="Reason" hint="For example: moved out of area, stopped attending, unsafe to continue" error={errors.withdrawalReason?.message} {...form.register("withdrawalReason")} />
      <div className="govuk-button-group">
        <Button type="submit" variant="warning" disabled={form.formState.isSubmitting}>
          Withdraw from the group
        </Button>
        <Button variant="secondary" onClick={() => onDone(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Undo a withdrawal: back to started (or referred, if the work had not started), as the core says. */
export function ReinstateButton({ e, onDone }: { e: Enrolment; onDone: (message: string, ok: boolean) => void }) {
  const queryClient = useQueryClient();
  const update = useMutation(api.programmes.enrolments.update.mutationOptions());
  const patch = reinstatement(e);
  if (!patch) return null;
  const name = `${e.person.firstName} ${e.person.lastName}`;
  const run = async () => {
    try {
      await update.mutateAsync({ id: e.id, version: e.version, patch });
      onDone(`${name} re-instated in the group`, true);
    } catch (error) {
      const info = errorInfo(error);
      onDone(info.code === "CONFLICT" ? "Someone else changed this person's place in the group; the table has been refreshed, try again." : saveProblem(error), false);
    } finally {
      await queryClient.invalidateQueries({ queryKey: api.programmes.pathKey() });
    }
  };
  return (
    <button type="button" className="app-sort-button" disabled={update.isPending} onClick={() => void run()}>
      Re-instate<span className="govuk-visually-hidden"> {name}</span>
    </button>
  );
}
