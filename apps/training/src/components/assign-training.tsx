/**
 * Assigning training by hand: one course or module to one or more people,
 * with a due date and a reason. Used on a person's record, on the staff list
 * (several people chosen) and on a course's page (a team or a role). What was
 * left out (already valid, already assigned) is listed after saving.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { applyFieldErrors, Button, DateInput, ErrorSummary, NotificationBanner, Radios, Select, summaryErrors, Textarea, DraftOfferBanner, useFormDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { formatDate, isRealDate, plural } from "../lib/format.js";
import { api, errorInfo, type RouterOutputs } from "../lib/trpc.js";

const ZAssignForm = z
  .object({
    kind: z.enum(["course", "module"]),
    courseId: z.string(),
    moduleId: z.string(),
    dueOn: z.string().min(1, "Enter the due date").refine(isRealDate, "Due date must be a real date"),
    reason: z.string().trim().max(500, "Reason must be 500 characters or fewer"),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "course" && !v.courseId) ctx.addIssue({ code: "custom", path: ["courseId"], message: "Select the course to assign" });
    if (v.kind === "module" && !v.moduleId) ctx.addIssue({ code: "custom", path: ["moduleId"], message: "Select the module to assign" });
  });
type TAssignForm = z.infer<typeof ZAssignForm>;
type Result = RouterOutputs["training"]["assignments"]["create"];

/** Invalidates every training query that shows assignments (records, lists, dashboards, my training). */
export async function refreshTraining(queryClient: ReturnType<typeof useQueryClient>) {
  await queryClient.invalidateQueries({ queryKey: api.training.pathKey() });
}

export function AssignTraining({ idPrefix, staffIds, who, course, submitLabel = "Assign training" }: {
  /** Prefix for field ids, unique on the page. */
  idPrefix: string;
  staffIds: string[];
  /** Who it goes to, in words ("Ann Smith", "3 people"). */
  who: string;
  /** Set on a course's page: the course is fixed. */
  course?: { id: string; title: string };
  submitLabel?: string;
}) {
  const queryClient = useQueryClient();
  const courses = useQuery({ ...api.training.courses.list.queryOptions(), enabled: !course });
  const modules = useQuery({ ...api.training.modules.list.queryOptions(), enabled: !course });
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const form = useForm<TAssignForm>({
    resolver: zodResolver(ZAssignForm),
    shouldFocusError: false,
    defaultValues: { kind: "course", courseId: course?.id ?? "", moduleId: "", dueOn: "", reason: "" },
  });
  const { register, handleSubmit, formState, setError, control, watch, reset } = form;
  const draft = useFormDraft(form, `assign:${idPrefix}:${staffIds.join(",")}`);
  const create = useMutation(api.training.assignments.create.mutationOptions());
  const errors = formState.errors;
  const kind = watch("kind");
  const id = (name: string) => `${idPrefix}-${name}`;
  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    setResult(null);
    if (staffIds.length === 0) {
      setProblem("Choose at least one person to assign training to.");
      return;
    }
    try {
      const r = await create.mutateAsync({
        staffIds,
        ...(v.kind === "course" ? { courseId: v.courseId } : { moduleId: v.moduleId }),
        dueOn: v.dueOn,
        ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
      });
      draft.saved();
      setResult(r);
      reset({ kind: v.kind, courseId: course?.id ?? "", moduleId: "", dueOn: "", reason: "" });
      await refreshTraining(queryClient);
    } catch (e) {
      const info = errorInfo(e);
      const rest = applyFieldErrors(info.fieldErrors, setError, ["courseId", "moduleId", "dueOn", "reason"]);
      setProblem(info.fieldErrors.length && rest.length === 0 ? null : info.fieldErrors.length ? (info.fieldErrors.find((f) => f.path === "staffIds")?.message ?? info.message) : info.message);
    }
  });
  const ids = course ? { dueOn: id("dueOn"), reason: id("reason") } : { courseId: id("courseId"), moduleId: id("moduleId"), dueOn: id("dueOn"), reason: id("reason") };
  return (
    <>
      {result ? <AssignResult result={result} /> : null}
      <ErrorSummary errors={summaryErrors(errors, ids)} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      <form noValidate onSubmit={onSubmit}>
        {course ? null : (
          <>
            <Radios
              id={id("kind")}
              legend="What to assign"
              legendSize="s"
              inline
              small
              items={[
                { value: "course", label: "A course" },
                { value: "module", label: "An e-learning module" },
              ]}
              inputProps={register("kind")}
            />
            {kind === "course" ? (
              <Select id={id("courseId")} label="Course" error={errors.courseId?.message} options={[{ value: "", label: "Choose a course" }, ...(courses.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.title }))]} {...register("courseId")} />
            ) : (
              <Select id={id("moduleId")} label="Module" error={errors.moduleId?.message} options={[{ value: "", label: "Choose a module" }, ...(modules.data ?? []).map((m) => ({ value: m.id, label: m.title }))]} {...register("moduleId")} />
            )}
          </>
        )}
        <Controller
          control={control}
          name="dueOn"
          render={({ field }) => <DateInput id={id("dueOn")} legend="Due date" legendSize="s" hint="For example, 27 3 2026" error={errors.dueOn?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />}
        />
        <Textarea id={id("reason")} label="Reason (optional)" hint="For example, a refresher after an incident. The people assigned see it." error={errors.reason?.message} rows={2} {...register("reason")} />
        <Button type="submit" disabled={formState.isSubmitting}>
          {submitLabel}
          <span className="govuk-visually-hidden"> to {who}</span>
        </Button>
      </form>
    </>
  );
}

function AssignResult({ result }: { result: Result }) {
  const heading = result.assigned.length > 0 ? `"${result.item.title}" assigned to ${plural(result.assigned.length, "person", "people")}, due ${formatDate(result.dueOn)}` : `"${result.item.title}" was not assigned to anyone`;
  return (
    <NotificationBanner type={result.assigned.length > 0 ? "success" : undefined} heading={heading}>
      {result.skipped.length > 0 ? (
        <>
          <p className="govuk-body">{plural(result.skipped.length, "person was", "people were")} left out:</p>
          <ul className="govuk-list govuk-list--bullet">
            {result.skipped.map((s) => (
              <li key={s.staffId}>{s.message}</li>
            ))}
          </ul>
        </>
      ) : null}
    </NotificationBanner>
  );
}
