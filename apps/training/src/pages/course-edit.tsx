/**
 * Change a course: every field the catalogue keeps (delivery mode, duration,
 * validity, mandatory roles, prerequisites, languages, the facilitator
 * qualification, whether it is still offered). Validation at each field; a
 * failed save keeps the typing on this device (drafts); a CONFLICT (someone
 * else saved first) keeps the typing, shows what they saved and lets the user
 * save on top of the latest version.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { applyFieldErrors, Button, Checkboxes, DraftOfferBanner, ErrorSummary, Input, NotificationBanner, Radios, Select, SummaryList, summaryErrors, Textarea, useFormDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useNavigate, useParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { api, errorInfo, type RouterOutputs } from "../lib/trpc.js";
import { MODE_LABEL } from "./courses.js";

type Course = RouterOutputs["training"]["courses"]["get"];

const ZForm = z.object({
  code: z.string().trim().min(1, "Enter a short code").max(40, "Code must be 40 characters or fewer").regex(/^[A-Za-z0-9_-]+$/, "Use letters, numbers, hyphens and underscores only in the code"),
  title: z.string().trim().min(1, "Enter the course title").max(200, "Title must be 200 characters or fewer"),
  description: z.string().max(2000, "Description must be 2,000 characters or fewer"),
  deliveryMode: z.enum(["classroom", "e_learning", "blended"], { message: "Select how the course is delivered" }),
  durationHours: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, "Enter the duration in hours, like 6 or 1.5")
    .refine((v) => Number(v) > 0 && Number(v) <= 200, "Duration must be more than 0 and at most 200 hours"),
  validityMonths: z
    .string()
    .trim()
    .regex(/^(\d{1,3})?$/, "Enter the validity as a whole number of months, or leave it empty")
    .refine((v) => v === "" || (Number(v) >= 1 && Number(v) <= 240), "Validity must be between 1 and 240 months, or empty"),
  requiredFor: z.array(z.string()),
  prerequisites: z.array(z.string()).max(20, "Choose at most 20 prerequisites"),
  languages: z
    .string()
    .trim()
    .min(1, "Enter at least one language, like English")
    .refine((v) => v.split(",").every((l) => l.trim().length > 0 && l.trim().length <= 40), "Separate languages with commas, each up to 40 characters"),
  qualifiesFacilitator: z.enum(["yes", "no"]),
  active: z.enum(["yes", "no"]),
});
type TForm = z.infer<typeof ZForm>;
const FIELDS = Object.keys(ZForm.shape);
const IDS: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f, f]));

const fromCourse = (c: Course): TForm => ({
  code: c.code,
  title: c.title,
  description: c.description,
  deliveryMode: c.deliveryMode,
  durationHours: String(c.durationHours),
  validityMonths: c.validityMonths === null ? "" : String(c.validityMonths),
  requiredFor: [...c.requiredFor],
  prerequisites: [...c.prerequisites],
  languages: c.languages.join(", "),
  qualifiesFacilitator: c.qualifiesFacilitator ? "yes" : "no",
  active: c.active ? "yes" : "no",
});

export default function CourseEditPage() {
  const { id = "" } = useParams();
  const q = useQuery(api.training.courses.get.queryOptions({ id }));
  if (q.isPending) return <Loading what="Loading the course" />;
  if (q.isError) return <QueryError error={q.error} what="The course" />;
  return <CourseForm course={q.data} />;
}

function CourseForm({ course }: { course: Course }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const options = useQuery(api.training.options.queryOptions());
  const all = useQuery(api.training.courses.list.queryOptions({ includeInactive: true }));
  const draftKey = `training-course:${course.id}`;
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Course | null>(null);
  const version = useRef(course.version);
  const form = useForm<TForm>({ resolver: zodResolver(ZForm), shouldFocusError: false, defaultValues: fromCourse(course), reValidateMode: "onChange" });
  const draft = useFormDraft(form, draftKey);
  const { register, handleSubmit, formState, setError } = form;
  const errors = formState.errors;
  const update = useMutation(api.training.courses.update.mutationOptions());

  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    try {
      await update.mutateAsync({
        id: course.id,
        version: version.current,
        patch: {
          code: v.code,
          title: v.title,
          description: v.description,
          deliveryMode: v.deliveryMode,
          durationHours: Number(v.durationHours),
          validityMonths: v.validityMonths ? Number(v.validityMonths) : null,
          requiredFor: v.requiredFor as never,
          prerequisites: v.prerequisites,
          languages: [...new Set(v.languages.split(",").map((l) => l.trim()))],
          qualifiesFacilitator: v.qualifiesFacilitator === "yes",
          active: v.active === "yes",
        },
      });
      draft.saved();
      await queryClient.invalidateQueries({ queryKey: api.training.courses.pathKey() });
      navigate(`/courses/${course.id}`, { state: { saved: "Course saved" } });
    } catch (e) {
      draft.keepNow(v);
      const info = errorInfo(e);
      if (info.code === "CONFLICT") {
        const latest = await queryClient.fetchQuery({ ...api.training.courses.get.queryOptions({ id: course.id }), staleTime: 0 });
        if (latest.version !== version.current) {
          version.current = latest.version;
          setConflict(latest);
          return;
        }
        setProblem("Another course already has this code or title.");
        return;
      }
      if (info.fieldErrors.length > 0) {
        const rest = applyFieldErrors(info.fieldErrors, setError, FIELDS);
        if (rest.length) setProblem(rest.join("; "));
        return;
      }
      if (/^prerequisites: /.test(info.message)) {
        setError("prerequisites", { type: "server", message: info.message.replace(/^prerequisites: ./, (m) => m.slice(-1).toUpperCase()) });
        return;
      }
      setProblem(info.code === "UNAUTHORIZED" ? "Your session has ended. Sign in again in another tab; what you typed is kept here." : `${info.message}${info.requestId ? ` (reference ${info.requestId})` : ""}`);
    }
  });

  const others = (all.data ?? []).filter((c) => c.id !== course.id);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryErrors(errors, IDS)} description={problem ?? undefined} />
        {conflict ? (
          <NotificationBanner title="Important" heading="Someone else saved this course while you were making changes" focusOnMount>
            <p className="govuk-body">Your changes have not been saved, and nothing you typed has been lost. This is what they saved:</p>
            <SummaryList
              rows={[
                { key: "Title", value: conflict.title },
                { key: "Delivery", value: MODE_LABEL[conflict.deliveryMode] ?? conflict.deliveryMode },
                { key: "Duration", value: `${conflict.durationHours} hours` },
                { key: "Valid for", value: conflict.validityMonths ? `${conflict.validityMonths} months` : "Does not expire" },
                { key: "Required for", value: conflict.requiredForLabels.join(", ") || "No role" },
              ]}
            />
            <p className="govuk-body">Check your changes below, then save again to replace their version with yours.</p>
          </NotificationBanner>
        ) : (
          <DraftOfferBanner offer={draft.offer} />
        )}
        <Page title={`Change ${course.title}`} caption="Course">
          <form noValidate onSubmit={onSubmit}>
            <Input id="code" label="Code" width={10} error={errors.code?.message} {...register("code")} />
            <Input id="title" label="Title" error={errors.title?.message} {...register("title")} />
            <Textarea id="description" label="Description (optional)" error={errors.description?.message} {...register("description")} />
            <Radios id="deliveryMode" legend="How is it delivered?" inline error={errors.deliveryMode?.message} items={[{ value: "classroom", label: "Classroom" }, { value: "e_learning", label: "E-learning" }, { value: "blended", label: "Blended" }]} inputProps={register("deliveryMode")} />
            <Input id="durationHours" label="Duration in hours" width={4} inputMode="decimal" error={errors.durationHours?.message} {...register("durationHours")} />
            <Input id="validityMonths" label="Valid for (months)" hint="Months before a refresher is due. Leave empty if it never expires" width={4} inputMode="numeric" error={errors.validityMonths?.message} {...register("validityMonths")} />
            <Checkboxes id="requiredFor" legend="Mandatory for these job roles" small items={(options.data?.staffRoles ?? []).map((r) => ({ value: r.value, label: r.label }))} inputProps={register("requiredFor")} />
            <Checkboxes
              id="prerequisites"
              legend="Prerequisites"
              hint="Courses to complete before this one"
              small
              error={errors.prerequisites?.message}
              items={others.map((c) => ({ value: c.id, label: c.title }))}
              inputProps={register("prerequisites")}
            />
            <Input id="languages" label="Languages" hint="Separate languages with commas, like English, Urdu" error={errors.languages?.message} {...register("languages")} />
            <Select id="qualifiesFacilitator" label="Does completing it qualify a group facilitator?" options={[{ value: "no", label: "No" }, { value: "yes", label: "Yes: Inspiring Families facilitator, both tracks" }]} {...register("qualifiesFacilitator")} />
            <Radios id="active" legend="Is the course still offered?" inline items={[{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]} inputProps={register("active")} />
            <div className="govuk-button-group">
              <Button type="submit" disabled={formState.isSubmitting}>
                Save course
              </Button>
              <Link className="govuk-link" to={`/courses/${course.id}`}>
                Cancel
              </Link>
            </div>
          </form>
        </Page>
      </div>
    </div>
  );
}
