/**
 * Completions from outside providers on a person's record: recording one
 * (course, date, provider, certificate or note), and correcting or
 * withdrawing one with a reason. A recorded completion counts as a session's.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { applyFieldErrors, Button, DateInput, ErrorSummary, Input, NotificationBanner, Radios, Select, summaryErrors, Table, Tag, Textarea, DraftOfferBanner, useFormDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { formatDate, isRealDate, todayIso } from "../lib/format.js";
import { api, errorInfo, type RouterOutputs } from "../lib/trpc.js";
import { refreshTraining } from "./assign-training.js";

const date = (what: string) => z.string().min(1, `Enter the ${what}`).refine(isRealDate, `The ${what} must be a real date`).refine((v) => v <= todayIso(), `The ${what} cannot be in the future`);

const ZRecordForm = z.object({
  courseId: z.string().min(1, "Select the course completed"),
  completedOn: date("completion date"),
  provider: z.string().trim().min(1, "Enter the training provider").max(200, "Provider must be 200 characters or fewer"),
  evidence: z.string().trim().max(1000, "Evidence must be 1000 characters or fewer"),
});
type TRecordForm = z.infer<typeof ZRecordForm>;

export function RecordCompletion({ staffId, name }: { staffId: string; name: string }) {
  const queryClient = useQueryClient();
  const courses = useQuery(api.training.courses.list.queryOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<TRecordForm>({
    resolver: zodResolver(ZRecordForm),
    shouldFocusError: false,
    defaultValues: { courseId: "", completedOn: "", provider: "", evidence: "" },
  });
  const { register, handleSubmit, formState, setError, control, reset } = form;
  const draft = useFormDraft(form, `external:${staffId}`);
  const record = useMutation(api.training.completions.record.mutationOptions());
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    setSaved(null);
    try {
      const r = await record.mutateAsync({ staffId, courseId: v.courseId, completedOn: v.completedOn, provider: v.provider.trim(), ...(v.evidence.trim() ? { evidence: v.evidence.trim() } : {}) });
      draft.saved();
      const title = courses.data?.find((c) => c.id === r.courseId)?.title ?? "The course";
      setSaved(`${title} recorded for ${name}: ${r.expiresOn ? (r.expiresOn <= todayIso() ? `it already expired on ${formatDate(r.expiresOn)}, so a refresher is still needed` : `valid until ${formatDate(r.expiresOn)}`) : "does not expire"}${r.closedAssignments > 0 ? ". Their open assignment of it is now done" : ""}.`);
      reset();
      await refreshTraining(queryClient);
    } catch (e) {
      const info = errorInfo(e);
      const rest = applyFieldErrors(info.fieldErrors, setError, ["courseId", "completedOn", "provider", "evidence"]);
      setProblem(info.fieldErrors.length && rest.length === 0 ? null : info.message);
    }
  });
  const ids = { courseId: "ext-courseId", completedOn: "ext-completedOn", provider: "ext-provider", evidence: "ext-evidence" };
  return (
    <>
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      <ErrorSummary errors={summaryErrors(errors, ids)} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      <form noValidate onSubmit={onSubmit}>
        <Select id="ext-courseId" label="Course" error={errors.courseId?.message} options={[{ value: "", label: "Choose a course" }, ...(courses.data ?? []).map((c) => ({ value: c.id, label: c.title }))]} {...register("courseId")} />
        <Controller
          control={control}
          name="completedOn"
          render={({ field }) => <DateInput id="ext-completedOn" legend="Date completed" legendSize="s" hint="The date on the certificate, for example 14 2 2026" error={errors.completedOn?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />}
        />
        <Input id="ext-provider" label="Training provider" hint="Who ran the training, for example the Inspiring Families programme's owners" error={errors.provider?.message} {...register("provider")} />
        <Textarea id="ext-evidence" label="Evidence (optional)" hint="A certificate number, or a note of what you have seen" rows={2} error={errors.evidence?.message} {...register("evidence")} />
        <Button type="submit" disabled={formState.isSubmitting}>
          Record completion
        </Button>
      </form>
    </>
  );
}

type External = RouterOutputs["training"]["staff"]["get"]["externalCompletions"][number];

export function ExternalCompletions({ list, canChange }: { list: External[]; canChange: boolean }) {
  if (list.length === 0) return <p className="govuk-body">No completions from outside providers.</p>;
  return (
    <>
      <Table
        caption="Completions from outside providers"
        captionSize="s"
        rows={list}
        rowKey={(c) => c.id}
        columns={[
          { header: "Course", cell: (c) => c.title },
          { header: "Completed", cell: (c) => formatDate(c.completedOn) },
          { header: "Provider", cell: (c) => c.provider },
          { header: "Evidence", cell: (c) => c.evidence ?? "–" },
          { header: "Valid until", cell: (c) => (c.expiresOn ? formatDate(c.expiresOn) : "Does not expire") },
          {
            header: "Status",
            cell: (c) => (c.withdrawn ? <Tag colour="grey">Withdrawn</Tag> : c.correctionReason ? <Tag colour="blue">Corrected</Tag> : <Tag colour="green">Counted</Tag>),
          },
        ]}
      />
      {canChange ? list.filter((c) => !c.withdrawn).map((c) => <ChangeCompletion key={`${c.id}-${c.version}`} completion={c} />) : null}
    </>
  );
}

const ZChangeForm = z
  .object({
    action: z.enum(["correct", "withdraw"]),
    completedOn: z.string(),
    provider: z.string().trim().max(200, "Provider must be 200 characters or fewer"),
    evidence: z.string().trim().max(1000, "Evidence must be 1000 characters or fewer"),
    reason: z.string().trim().min(1, "Enter the reason").max(500, "Reason must be 500 characters or fewer"),
  })
  .superRefine((v, ctx) => {
    if (v.action !== "correct") return;
    const r = date("completion date").safeParse(v.completedOn);
    if (!r.success) ctx.addIssue({ code: "custom", path: ["completedOn"], message: r.error.issues[0]!.message });
    if (!v.provider) ctx.addIssue({ code: "custom", path: ["provider"], message: "Enter the training provider" });
  });
type TChangeForm = z.infer<typeof ZChangeForm>;

function ChangeCompletion({ completion: c }: { completion: External }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, control, watch } = useForm<TChangeForm>({
    resolver: zodResolver(ZChangeForm),
    shouldFocusError: false,
    defaultValues: { action: "correct", completedOn: c.completedOn, provider: c.provider, evidence: c.evidence ?? "", reason: "" },
  });
  const correct = useMutation(api.training.completions.correct.mutationOptions());
  const withdraw = useMutation(api.training.completions.withdraw.mutationOptions());
  const errors = formState.errors;
  const action = watch("action");
  const p = `chg-${c.id}`;
  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    try {
      if (v.action === "withdraw") await withdraw.mutateAsync({ id: c.id, version: c.version, reason: v.reason.trim() });
      else await correct.mutateAsync({ id: c.id, version: c.version, completedOn: v.completedOn, provider: v.provider.trim(), evidence: v.evidence.trim() || null, reason: v.reason.trim() });
      await refreshTraining(queryClient);
    } catch (e) {
      const info = errorInfo(e);
      const rest = applyFieldErrors(info.fieldErrors, setError, ["completedOn", "provider", "evidence", "reason"]);
      setProblem(info.code === "CONFLICT" ? "Someone else changed this completion. Reload the page and try again." : info.fieldErrors.length && rest.length === 0 ? null : info.message);
    }
  });
  const ids = { completedOn: `${p}-completedOn`, provider: `${p}-provider`, evidence: `${p}-evidence`, reason: `${p}-reason` };
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          Correct or withdraw {c.title}, {formatDate(c.completedOn)}
        </span>
      </summary>
      <div className="govuk-details__text">
        <ErrorSummary errors={summaryErrors(errors, ids)} description={problem ?? undefined} />
        <form noValidate onSubmit={onSubmit}>
          <Radios
            id={`${p}-action`}
            legend="What do you want to do?"
            legendSize="s"
            small
            items={[
              { value: "correct", label: "Correct the details" },
              { value: "withdraw", label: "Withdraw it", hint: "It will no longer count, and any assignment it closed is open again" },
            ]}
            inputProps={register("action")}
          />
          {action === "correct" ? (
            <>
              <Controller
                control={control}
                name="completedOn"
                render={({ field }) => <DateInput id={`${p}-completedOn`} legend="Date completed" legendSize="s" error={errors.completedOn?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />}
              />
              <Input id={`${p}-provider`} label="Training provider" error={errors.provider?.message} {...register("provider")} />
              <Textarea id={`${p}-evidence`} label="Evidence (optional)" rows={2} error={errors.evidence?.message} {...register("evidence")} />
            </>
          ) : null}
          <Textarea id={`${p}-reason`} label="Reason" hint="Kept in the record's history" rows={2} error={errors.reason?.message} {...register("reason")} />
          <Button type="submit" variant={action === "withdraw" ? "warning" : "secondary"} disabled={formState.isSubmitting}>
            {action === "withdraw" ? "Withdraw completion" : "Save correction"}
          </Button>
        </form>
      </div>
    </details>
  );
}
