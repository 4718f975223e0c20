import { zodResolver } from "@hookform/resolvers/zod";
import { parseIsoDay } from "@evident/core";
import { Button, DateInput, Details, DraftOfferBanner, ErrorSummary, Input, Select, Table, useFormDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Link, useNavigate, useSearchParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { useAuth } from "../lib/auth.js";
import { applyFieldErrors, summaryErrors } from "@evident/ui";
import { formatDate, todayIso } from "../lib/format.js";
import { api, errorInfo } from "../lib/trpc.js";

export default function SessionsPage() {
  const auth = useAuth();
  const [params] = useSearchParams();
  const q = useQuery(api.training.sessions.list.queryOptions());
  return (
    <Page title="Sessions">
      {auth.can("training:write") ? (
        <Details summary="Schedule a session" open={!!params.get("course")}>
          <SessionForm courseId={params.get("course") ?? ""} />
        </Details>
      ) : null}
      {q.isPending ? <Loading /> : q.isError ? <QueryError error={q.error} what="Sessions" /> : (
        <Table
          caption="Sessions, latest first"
          captionSize="s"
          rows={q.data}
          rowKey={(s) => s.id}
          firstCellIsHeader
          columns={[
            { header: "Date", cell: (s) => <Link className="govuk-link" to={`/sessions/${s.id}`}>{formatDate(s.date)}</Link> },
            { header: "Course", cell: (s) => s.course },
            { header: "Venue", cell: (s) => s.venue ?? "–" },
            { header: "Booked", numeric: true, cell: (s) => (s.capacity ? `${s.booked} of ${s.capacity}` : s.booked) },
            { header: "Present", numeric: true, cell: (s) => s.present },
            { header: "Status", cell: (s) => (s.cancelled ? "Cancelled" : s.completed ? "Completed" : s.date > todayIso() ? "Scheduled" : "Register open") },
          ]}
        />
      )}
    </Page>
  );
}

const ZForm = z.object({
  courseId: z.string().min(1, "Select the course"),
  date: z.string().min(1, "Enter the date of the session").refine((v) => v === "" || parseIsoDay(v) !== undefined, "Date must be a real date"),
  startTime: z.string().regex(/^\d{2}:\d{2}$/, "Enter the start time, like 09:30"),
  endTime: z.string().regex(/^\d{2}:\d{2}$/, "Enter the end time, like 16:30"),
  venue: z.string().trim().max(200, "Venue must be 200 characters or fewer"),
  trainerId: z.string(),
  capacity: z.string().trim().regex(/^(\d{1,3})?$/, "Enter the number of places as a whole number"),
}).refine((v) => v.endTime > v.startTime, { message: "The session must end after it starts", path: ["endTime"] });
type TForm = z.infer<typeof ZForm>;

function SessionForm({ courseId }: { courseId: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const courses = useQuery(api.training.courses.list.queryOptions());
  // Only the trainers (the API filters by role), not every member of staff with their training.
  const trainers = useQuery(api.training.staff.list.queryOptions({ role: "trainer" }));
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<TForm>({
    resolver: zodResolver(ZForm),
    shouldFocusError: false,
    defaultValues: { courseId, date: "", startTime: "09:30", endTime: "16:30", venue: "Trust training room", trainerId: "", capacity: "16" },
  });
  const { register, handleSubmit, formState, setError, control } = form;
  const draft = useFormDraft(form, `session:new:${courseId}`);
  const create = useMutation(api.training.sessions.create.mutationOptions());
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    try {
      const s = await create.mutateAsync({ courseId: v.courseId, date: v.date, startTime: v.startTime, endTime: v.endTime, ...(v.venue ? { venue: v.venue } : {}), trainerId: v.trainerId || null, ...(v.capacity ? { capacity: Number(v.capacity) } : {}) });
      draft.saved();
      await queryClient.invalidateQueries({ queryKey: api.training.sessions.pathKey() });
      navigate(`/sessions/${s.id}`);
    } catch (e) {
      const info = errorInfo(e);
      applyFieldErrors(info.fieldErrors, setError, ["courseId", "date", "startTime", "endTime", "venue", "capacity"]);
      setProblem(info.fieldErrors.length ? null : info.message);
    }
  });
  const trainerOptions = (trainers.data?.items ?? []).filter((s) => s.role === "trainer").map((s) => ({ value: s.id, label: s.name }));
  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={summaryErrors(errors, { courseId: "courseId", date: "date", startTime: "startTime", endTime: "endTime", venue: "venue", capacity: "capacity" })} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      <Select id="courseId" label="Course" error={errors.courseId?.message} options={[{ value: "", label: "Choose a course" }, ...(courses.data ?? []).map((c) => ({ value: c.id, label: c.title }))]} {...register("courseId")} />
      <Controller control={control} name="date" render={({ field }) => <DateInput id="date" legend="Date" hint="For example, 27 3 2026" error={errors.date?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Input id="startTime" label="Starts" type="time" width={5} error={errors.startTime?.message} {...register("startTime")} />
      <Input id="endTime" label="Ends" type="time" width={5} error={errors.endTime?.message} {...register("endTime")} />
      <Input id="venue" label="Venue" error={errors.venue?.message} {...register("venue")} />
      <Select id="trainerId" label="Trainer" options={[{ value: "", label: "Not decided" }, ...trainerOptions]} {...register("trainerId")} />
      <Input id="capacity" label="Places" width={3} inputMode="numeric" error={errors.capacity?.message} {...register("capacity")} />
      <Button type="submit" disabled={formState.isSubmitting}>
        Schedule session
      </Button>
    </form>
  );
}
