import { zodResolver } from "@hookform/resolvers/zod";
import { Button, Checkboxes, Details, ErrorSummary, Input, NotificationBanner, Radios, Select, Table, Textarea, DraftOfferBanner, useFormDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { useAuth } from "../lib/auth.js";
import { applyFieldErrors, summaryErrors } from "@evident/ui";
import { api, errorInfo } from "../lib/trpc.js";

export const MODE_LABEL: Record<string, string> = { classroom: "Classroom", e_learning: "E-learning", blended: "Blended" };

export default function CoursesPage() {
  const auth = useAuth();
  const q = useQuery(api.training.courses.list.queryOptions());
  return (
    <Page title="Courses">
      <p className="govuk-body">The courses of the report&apos;s Table 26 and the trust&apos;s own. A completion stays valid for the course&apos;s validity period; then a refresher is due.</p>
      {q.isPending ? <Loading /> : q.isError ? <QueryError error={q.error} what="Courses" /> : (
        <Table
          caption="Course catalogue"
          captionSize="s"
          rows={q.data}
          rowKey={(c) => c.id}
          firstCellIsHeader
          columns={[
            { header: "Course", cell: (c) => <Link className="govuk-link" to={`/courses/${c.id}`}>{c.title}</Link> },
            { header: "Delivery", cell: (c) => MODE_LABEL[c.deliveryMode] ?? c.deliveryMode },
            { header: "Hours", numeric: true, cell: (c) => c.durationHours },
            { header: "Valid for", cell: (c) => (c.validityMonths ? `${c.validityMonths} months` : "Does not expire") },
            { header: "Required for", cell: (c) => c.requiredForLabels.join(", ") || "None" },
          ]}
        />
      )}
      {auth.can("training:write") ? (
        <Details summary="Add a course">
          <CourseForm />
        </Details>
      ) : null}
    </Page>
  );
}

const ZForm = z.object({
  code: z.string().trim().min(1, "Enter a short code").max(40, "Code must be 40 characters or fewer").regex(/^[A-Za-z0-9_-]+$/, "Use letters, numbers, hyphens and underscores only in the code"),
  title: z.string().trim().min(1, "Enter the course title").max(200, "Title must be 200 characters or fewer"),
  description: z.string().max(2000, "Description must be 2,000 characters or fewer"),
  deliveryMode: z.enum(["classroom", "e_learning", "blended"], { message: "Select how the course is delivered" }),
  durationHours: z.string().trim().regex(/^\d+(\.\d+)?$/, "Enter the duration in hours, like 6 or 1.5"),
  validityMonths: z.string().trim().regex(/^(\d{1,3})?$/, "Enter the validity as a whole number of months, or leave it empty"),
  requiredFor: z.array(z.string()),
  qualifiesFacilitator: z.enum(["yes", "no"]),
});
type TForm = z.infer<typeof ZForm>;

function CourseForm() {
  const queryClient = useQueryClient();
  const options = useQuery(api.training.options.queryOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm<TForm>({
    resolver: zodResolver(ZForm),
    shouldFocusError: false,
    defaultValues: { code: "", title: "", description: "", deliveryMode: "classroom", durationHours: "6", validityMonths: "24", requiredFor: [], qualifiesFacilitator: "no" },
  });
  const { register, handleSubmit, formState, setError, reset } = form;
  const draft = useFormDraft(form, "course:new");
  const create = useMutation(api.training.courses.create.mutationOptions());
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    try {
      const c = await create.mutateAsync({
        code: v.code,
        title: v.title,
        description: v.description,
        deliveryMode: v.deliveryMode,
        durationHours: Number(v.durationHours),
        validityMonths: v.validityMonths ? Number(v.validityMonths) : null,
        requiredFor: v.requiredFor as never,
        prerequisites: [],
        qualifiesFacilitator: v.qualifiesFacilitator === "yes",
        languages: ["English"],
      });
      draft.saved();
      setCreated(c.title);
      reset();
      await queryClient.invalidateQueries({ queryKey: api.training.courses.pathKey() });
    } catch (e) {
      const info = errorInfo(e);
      const rest = applyFieldErrors(info.fieldErrors, setError, Object.keys(ZForm.shape));
      setProblem(info.code === "CONFLICT" ? "A course with this code or title already exists." : rest.length > 0 || info.fieldErrors.length === 0 ? info.message : null);
    }
  });
  const ids = { code: "code", title: "title", description: "description", deliveryMode: "deliveryMode", durationHours: "durationHours", validityMonths: "validityMonths" };
  return (
    <form noValidate onSubmit={onSubmit}>
      {created ? <NotificationBanner type="success" heading={`${created} added to the catalogue`} /> : null}
      <ErrorSummary errors={summaryErrors(errors, ids)} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      <Input id="code" label="Code" hint="A short reference, like MARAC" width={10} error={errors.code?.message} {...register("code")} />
      <Input id="title" label="Title" error={errors.title?.message} {...register("title")} />
      <Textarea id="description" label="Description (optional)" error={errors.description?.message} {...register("description")} />
      <Radios id="deliveryMode" legend="How is it delivered?" inline error={errors.deliveryMode?.message} items={[{ value: "classroom", label: "Classroom" }, { value: "e_learning", label: "E-learning" }, { value: "blended", label: "Blended" }]} inputProps={register("deliveryMode")} />
      <Input id="durationHours" label="Duration in hours" width={4} inputMode="decimal" error={errors.durationHours?.message} {...register("durationHours")} />
      <Input id="validityMonths" label="Valid for (months)" hint="Leave empty if it never expires" width={4} inputMode="numeric" error={errors.validityMonths?.message} {...register("validityMonths")} />
      <Checkboxes id="requiredFor" legend="Required for these job roles" small items={(options.data?.staffRoles ?? []).map((r) => ({ value: r.value, label: r.label }))} inputProps={register("requiredFor")} />
      <Select id="qualifiesFacilitator" label="Does completing it qualify a group facilitator?" options={[{ value: "no", label: "No" }, { value: "yes", label: "Yes: Inspiring Families facilitator, both tracks" }]} {...register("qualifiesFacilitator")} />
      <Button type="submit" disabled={formState.isSubmitting}>
        Add course
      </Button>
    </form>
  );
}
