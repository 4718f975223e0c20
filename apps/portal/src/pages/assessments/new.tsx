/**
 * Record an assessment (Early Help or CIN) for a child in the family: the
 * dates the case was allocated, the assessment started and (when it is)
 * completed, and the CIN census factors. The days from allocation to
 * completion are counted by the core against the 25-day target and shown
 * back on the family page and the assessments list.
 */
import { ASSESSMENT_FACTOR_OPTIONS, assessmentFactorLabel, ASSESSMENT_TARGET_DAYS, readAssessmentFactors } from "@evident/core";
import { DateInput, Details, Input, Radios, requiredChoice, Select } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Controller } from "react-hook-form";
import { useNavigate, useParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { childOptions, notFuture, optionalDate, RecordFormFrame, requiredDate, useRecordForm } from "../../lib/record-form.js";
import type { FamilyDetail } from "../../lib/shapes.js";
import { api } from "../../lib/trpc.js";

const ZForm = z
  .object({
    childId: z.string().min(1, "Select the child"),
    level: requiredChoice("Select the level of assessment"),
    allocatedAt: requiredDate("the date the case was allocated").refine(notFuture, { message: "The allocation date cannot be in the future" }),
    startedAt: requiredDate("the date the assessment started").refine(notFuture, { message: "The start date cannot be in the future" }),
    completedAt: optionalDate("The completion date").refine(notFuture, { message: "The completion date cannot be in the future" }),
    factors: z.string().max(300, "Factors must be 300 characters or fewer"),
  })
  .superRefine((v, ctx) => {
    if (v.startedAt && v.allocatedAt && v.startedAt < v.allocatedAt) ctx.addIssue({ code: "custom", path: ["startedAt"], message: "The assessment cannot start before the case was allocated" });
    if (v.completedAt && v.startedAt && v.completedAt < v.startedAt) ctx.addIssue({ code: "custom", path: ["completedAt"], message: "The assessment cannot be completed before it started" });
    // Names or codes: "domestic abuse: parent, neglect" or "3B, 16A" (the core reads both the same way).
    const { problems } = readAssessmentFactors(v.factors);
    if (problems.length) ctx.addIssue({ code: "custom", path: ["factors"], message: problems[0]!.replace(/^./, (c) => c.toUpperCase()) });
  });
type TForm = z.infer<typeof ZForm>;
const IDS = { childId: "as-child", level: "as-level", allocatedAt: "as-allocated", startedAt: "as-started", completedAt: "as-completed", factors: "as-factors" };

export default function NewAssessmentPage() {
  const { id = "" } = useParams();
  const family = useQuery(api.families.get.queryOptions({ id }));
  if (family.isPending) return <Loading what="Loading the family" />;
  if (family.isError) return <QueryError error={family.error} what="This family" />;
  return <AssessmentForm family={family.data as FamilyDetail} />;
}

function AssessmentForm({ family }: { family: FamilyDetail }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const empty: TForm = { childId: "", level: "", allocatedAt: "", startedAt: "", completedAt: "", factors: "" };
  const rf = useRecordForm<TForm>({ key: `assessment:new:${family.id}`, schema: ZForm, empty, ids: IDS });
  const { register, handleSubmit, control } = rf.form;
  const errors = rf.errors;
  const create = useMutation(api.assessments.create.mutationOptions());
  const children = childOptions(family);
  const onSubmit = handleSubmit(async (v) => {
    rf.setProblem(null);
    try {
      await create.mutateAsync({
        familyId: family.id,
        childId: v.childId,
        level: v.level as "EARLY_HELP" | "CIN",
        allocatedAt: v.allocatedAt,
        startedAt: v.startedAt,
        ...(v.completedAt ? { completedAt: v.completedAt } : {}),
        factors: readAssessmentFactors(v.factors).codes,
      });
      rf.dropDraft();
      await queryClient.invalidateQueries({ queryKey: api.assessments.pathKey() });
      navigate(`/families/${family.id}`, { state: { saved: "Assessment recorded" } });
    } catch (error) {
      rf.failed(error, v, { path: (p) => p.replace(/^factors\.\d+$/, "factors") });
    }
  });
  return (
    <RecordFormFrame
      label="Record an assessment"
      onSubmit={onSubmit}
      {...rf.frame}
      submit="Record assessment"
      cancelTo={`/families/${family.id}`}
      page={{
        title: "Record an assessment",
        caption: `${family.name} (${family.reference})`,
        intro: <p className="govuk-body">The target is {ASSESSMENT_TARGET_DAYS} calendar days from allocation to a completed assessment.</p>,
        unavailable: children.length === 0 ? <p className="govuk-body">No children are recorded in this family, so no assessment can be recorded yet.</p> : undefined,
      }}
    >
      <Select id="as-child" label="Child" error={errors.childId?.message} options={[{ value: "", label: "Select a child" }, ...children]} {...register("childId")} />
      <Radios
        id="as-level"
        legend="Level of assessment"
        error={errors.level?.message}
        items={[
          { value: "EARLY_HELP", label: "Early Help (level 1)" },
          { value: "CIN", label: "Child in need (level 2)" },
        ]}
        inputProps={register("level")}
      />
      <Controller control={control} name="allocatedAt" render={({ field }) => <DateInput id="as-allocated" legend="Date the case was allocated" error={errors.allocatedAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Controller control={control} name="startedAt" render={({ field }) => <DateInput id="as-started" legend="Date the assessment started" error={errors.startedAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Controller
        control={control}
        name="completedAt"
        render={({ field }) => <DateInput id="as-completed" legend="Date the assessment was completed (optional)" hint="Leave blank while it is in progress" error={errors.completedAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />}
      />
      <Input
        id="as-factors"
        label="Assessment factors (optional)"
        hint="Names or CIN census codes separated by commas, for example: domestic abuse: parent, neglect (or 3B, 16A). Use “no factors identified” (21) on its own when there were none."
        error={errors.factors?.message}
        {...register("factors")}
      />
      <ChosenFactors text={rf.form.watch("factors")} />
      <Details summary="The assessment factors and their codes">
        <ul className="govuk-list" data-testid="factor-list">
          {ASSESSMENT_FACTOR_OPTIONS.map((o) => (
            <li key={o.value}>{o.label}</li>
          ))}
        </ul>
      </Details>
    </RecordFormFrame>
  );
}

/** The factors as read so far, by name with their codes, so the worker sees what will be recorded. */
function ChosenFactors({ text }: { text: string }) {
  const { codes, problems } = readAssessmentFactors(text ?? "");
  if (codes.length === 0 || problems.length > 0) return null;
  return (
    <p className="govuk-body-s" data-testid="chosen-factors" aria-live="polite">
      To be recorded: {codes.map(assessmentFactorLabel).join("; ")}
    </p>
  );
}
