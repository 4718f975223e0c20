/** Changing the due date of an open assignment, or cancelling it with a reason (on a person's record). */
import { zodResolver } from "@hookform/resolvers/zod";
import { applyFieldErrors, Button, DateInput, ErrorSummary, Radios, summaryErrors, Textarea } from "@evident/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { formatDate, isRealDate } from "../lib/format.js";
import { api, errorInfo, type RouterOutputs } from "../lib/trpc.js";
import { refreshTraining } from "./assign-training.js";

type Assignment = RouterOutputs["training"]["staff"]["get"]["assignments"][number];

const ZForm = z
  .object({
    action: z.enum(["due", "cancel"]),
    dueOn: z.string(),
    reason: z.string().trim().max(500, "Reason must be 500 characters or fewer"),
  })
  .superRefine((v, ctx) => {
    if (v.action === "due" && !isRealDate(v.dueOn)) ctx.addIssue({ code: "custom", path: ["dueOn"], message: v.dueOn ? "Due date must be a real date" : "Enter the new due date" });
    if (v.action === "cancel" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Enter why it is cancelled" });
  });
type TForm = z.infer<typeof ZForm>;

export function OpenAssignments({ assignments }: { assignments: Assignment[] }) {
  if (assignments.length === 0) return null;
  return (
    <>
      <h3 className="govuk-heading-s">Change or cancel assigned training</h3>
      {assignments.map((a) => (
        <ChangeAssignment key={`${a.id}-${a.version}`} assignment={a} />
      ))}
    </>
  );
}

function ChangeAssignment({ assignment: a }: { assignment: Assignment }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, control, watch } = useForm<TForm>({
    resolver: zodResolver(ZForm),
    shouldFocusError: false,
    defaultValues: { action: "due", dueOn: a.dueOn, reason: "" },
  });
  const update = useMutation(api.training.assignments.update.mutationOptions());
  const cancel = useMutation(api.training.assignments.cancel.mutationOptions());
  const errors = formState.errors;
  const action = watch("action");
  const p = `asg-${a.id}`;
  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    try {
      if (v.action === "cancel") await cancel.mutateAsync({ id: a.id, reason: v.reason.trim() });
      else await update.mutateAsync({ id: a.id, version: a.version, dueOn: v.dueOn });
      await refreshTraining(queryClient);
    } catch (e) {
      const info = errorInfo(e);
      const rest = applyFieldErrors(info.fieldErrors, setError, ["dueOn", "reason"]);
      setProblem(info.code === "CONFLICT" ? "Someone else changed this assignment. Reload the page and try again." : info.fieldErrors.length && rest.length === 0 ? null : info.message);
    }
  });
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          Change or cancel {a.title}, due {formatDate(a.dueOn)}
        </span>
      </summary>
      <div className="govuk-details__text">
        <ErrorSummary errors={summaryErrors(errors, { dueOn: `${p}-dueOn`, reason: `${p}-reason` })} description={problem ?? undefined} />
        <form noValidate onSubmit={onSubmit}>
          <Radios
            id={`${p}-action`}
            legend="What do you want to do?"
            legendSize="s"
            small
            items={[
              { value: "due", label: "Change the due date" },
              { value: "cancel", label: "Cancel the assignment", hint: "It leaves their to-do and overdue lists" },
            ]}
            inputProps={register("action")}
          />
          {action === "due" ? (
            <Controller
              control={control}
              name="dueOn"
              render={({ field }) => <DateInput id={`${p}-dueOn`} legend="New due date" legendSize="s" error={errors.dueOn?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />}
            />
          ) : (
            <Textarea id={`${p}-reason`} label="Why is it cancelled?" rows={2} error={errors.reason?.message} {...register("reason")} />
          )}
          <Button type="submit" variant={action === "cancel" ? "warning" : "secondary"} disabled={formState.isSubmitting}>
            {action === "cancel" ? "Cancel assignment" : "Save due date"}
          </Button>
        </form>
      </div>
    </details>
  );
}
