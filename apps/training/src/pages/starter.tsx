import { zodResolver } from "@hookform/resolvers/zod";
import { Button, DateInput, ErrorSummary, Input, Panel, Select, Table } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Link } from "react-router";
import { z } from "zod";
import { Page } from "../components/page.js";
import { applyFieldErrors, DraftOfferBanner, summaryErrors, useFormDraft } from "@evident/ui";
import { formatDate, isRealDate, todayIso } from "../lib/format.js";
import { api, errorInfo, type RouterOutputs } from "../lib/trpc.js";

const ZStarterForm = z.object({
  name: z.string().trim().min(1, "Enter the starter's full name").max(200, "Name must be 200 characters or fewer"),
  email: z.string().trim().max(254).refine((v) => v === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "Enter an email address in the correct format, like name@example.org"),
  role: z.string().min(1, "Select the starter's job role"),
  jobTitle: z.string().trim().max(200, "Job title must be 200 characters or fewer"),
  teamId: z.string(),
  startDate: z.string().min(1, "Enter the start date").refine(isRealDate, "Start date must be a real date"),
});
type TStarterForm = z.infer<typeof ZStarterForm>;
type Added = RouterOutputs["training"]["staff"]["addStarter"];

const DRAFT = "training-starter";

export default function StarterPage() {
  const queryClient = useQueryClient();
  const options = useQuery(api.training.options.queryOptions());
  const courses = useQuery(api.training.courses.list.queryOptions());
  const modules = useQuery(api.training.modules.list.queryOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<Added | null>(null);
  const form = useForm<TStarterForm>({
    resolver: zodResolver(ZStarterForm),
    shouldFocusError: false,
    defaultValues: { name: "", email: "", role: "", jobTitle: "", teamId: "", startDate: todayIso() },
  });
  const { register, handleSubmit, formState, setError, control, reset } = form;
  const draft = useFormDraft(form, DRAFT);
  const add = useMutation(api.training.staff.addStarter.mutationOptions());
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    try {
      const r = await add.mutateAsync({
        name: v.name,
        ...(v.email ? { email: v.email } : {}),
        role: v.role as never,
        ...(v.jobTitle ? { jobTitle: v.jobTitle } : {}),
        teamId: v.teamId || null,
        startDate: v.startDate,
      });
      draft.saved();
      setAdded(r);
      reset();
      await queryClient.invalidateQueries({ queryKey: api.training.staff.pathKey() });
      await queryClient.invalidateQueries({ queryKey: api.training.dashboard.pathKey() });
    } catch (e) {
      draft.keepNow(v);
      const info = errorInfo(e);
      applyFieldErrors(info.fieldErrors, setError, Object.keys(ZStarterForm.shape));
      setProblem(info.code === "CONFLICT" ? "Someone with this email address is already on the staff list." : info.fieldErrors.length ? null : info.message);
    }
  });
  if (added) {
    const title = (id: string) => courses.data?.find((c) => c.id === id)?.title ?? modules.data?.find((m) => m.id === id)?.title ?? id;
    return (
      <>
        <Panel title={`${added.name} has been added`}>{added.plan ? `Onboarding plan assigned: ${added.plan.name}` : "No onboarding plan exists for this role"}</Panel>
        <Table
          caption="Assigned onboarding"
          captionSize="m"
          rows={added.assignments}
          rowKey={(a) => a.itemId}
          columns={[
            { header: "Module or course", cell: (a) => title(a.itemId) },
            { header: "Type", cell: (a) => (a.kind === "module" ? "E-learning module" : "Course") },
            { header: "Due", cell: (a) => formatDate(a.dueOn) },
          ]}
        />
        <div className="govuk-button-group">
          <Link className="govuk-button" to={`/staff/${added.staffId}`}>
            View {added.name}&apos;s training
          </Link>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAdded(null)}>
            Add another starter
          </button>
        </div>
      </>
    );
  }
  const ids = { name: "name", email: "email", role: "role", jobTitle: "jobTitle", teamId: "teamId", startDate: "startDate" };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryErrors(errors, ids)} description={problem ?? undefined} />
        <Page title="Add a starter" caption="Staff">
          <p className="govuk-body">Their job role&apos;s onboarding plan is assigned as soon as you add them, with due dates counted from the start date.</p>
          <DraftOfferBanner offer={draft.offer} />
          <form noValidate onSubmit={onSubmit}>
            <Input id="name" label="Full name" autoComplete="off" spellCheck={false} error={errors.name?.message} {...register("name")} />
            <Input id="email" label="Work email address (optional)" type="email" spellCheck={false} error={errors.email?.message} {...register("email")} />
            <Select id="role" label="Job role" error={errors.role?.message} options={[{ value: "", label: "Choose a role" }, ...(options.data?.staffRoles ?? [])]} {...register("role")} />
            <Input id="jobTitle" label="Job title (optional)" hint="If empty, the job role is used" error={errors.jobTitle?.message} {...register("jobTitle")} />
            <Select id="teamId" label="Team" options={[{ value: "", label: "No team" }, ...(options.data?.teams ?? []).map((t) => ({ value: t.id, label: t.name }))]} {...register("teamId")} />
            <Controller
              control={control}
              name="startDate"
              render={({ field }) => <DateInput id="startDate" legend="Start date" hint="For example, 2 3 2026" error={errors.startDate?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />}
            />
            <Button type="submit" disabled={formState.isSubmitting}>
              Add starter
            </Button>
          </form>
        </Page>
      </div>
    </div>
  );
}
