/**
 * The hub case's 16-week plan (week by week: visited, missed, the mid-point
 * meeting), weekly visits, the step-down plan, closing the case and planning
 * the follow-ups after it (monthly for six months). Plan dates come from the
 * core's `hubPlan`; visits missed from the API's progress (the core's
 * `hubProgress`).
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { caseEventProblem, eventDayDefault, hubPlan, VISIT_MODES } from "@evident/core";
import { applyFieldErrors, Button, DateInput, ErrorSummary, Input, Radios, requiredChoice, Select, summaryErrors, Table, Tag, Textarea } from "@evident/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { formatDateTime, formatDay } from "../../lib/format.js";
import { notFuture, optionalDate, RecordFormFrame, requiredDate, saveProblem, todayIso, useRecordForm } from "../../lib/record-form.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type HubCase = RouterOutputs["hub"]["get"];

const MODE_LABEL: Record<string, string> = { home: "Home visit", office: "Office", phone: "Phone call", video: "Video call" };

/** The plan week by week. */
export function PlanWeeks({ c }: { c: HubCase }) {
  const p = c.progress;
  const plan = hubPlan(c.startDate, Math.min(16, Math.max(1, p.weeksPlanned)));
  const visits = (c.visits as { at: string }[]).map((v) => v.at.slice(0, 10));
  const missed = new Set(p.weeksWithoutVisit);
  const midWeek = plan.weekStarts.indexOf(plan.midPointDue) + 1;
  return (
    <>
      <ol className="app-plan-weeks" aria-label={`The ${plan.weeks}-week plan`} data-testid="plan-weeks">
        {plan.weekStarts.map((start, i) => {
          const week = i + 1;
          const next = plan.weekStarts[i + 1] ?? plan.plannedEndDate;
          const n = visits.filter((d) => d >= start && d < next).length;
          const state = n > 0 ? "visited" : missed.has(week) ? "missed" : week <= p.week ? "current" : "planned";
          return (
            <li key={start} className={`app-plan-week app-plan-week--${state}${week === p.week ? " app-plan-week--now" : ""}`}>
              <strong>Week {week}</strong>
              <span className="govuk-body-s">{formatDay(start).replace(/ \d{4}$/, "")}</span>
              <span className="govuk-body-s">{n > 0 ? `${n} visit${n === 1 ? "" : "s"}` : state === "missed" ? "No visit" : week === p.week ? "This week" : "–"}</span>
              {week === 1 ? <span className="govuk-body-s">Initial meeting</span> : null}
              {week === midWeek ? <span className="govuk-body-s">Mid-point review</span> : null}
              {week === plan.weeks ? <span className="govuk-body-s">Closure meeting</span> : null}
            </li>
          );
        })}
      </ol>
      <p className="govuk-body-s">Planned end {formatDay(plan.plannedEndDate)}; mid-point review due {formatDay(plan.midPointDue)}.</p>
    </>
  );
}

// ---------------------------------------------------------------- visits
const ZVisit = z.object({
  date: requiredDate("the date of the visit").refine(notFuture, { message: "The visit cannot be in the future" }),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the time as hours and minutes, for example 14:30"),
  mode: requiredChoice("Select how the visit took place"),
  notes: z.string().max(4000, "Notes must be 4,000 characters or fewer"),
  outsidePlanReason: z.string().max(500, "The reason must be 500 characters or fewer"),
});
type TVisit = z.infer<typeof ZVisit>;

export function Visits({ c, canWrite, onSaved }: { c: HubCase; canWrite: boolean; onSaved: (t: string) => void }) {
  const queryClient = useQueryClient();
  const create = useMutation(api.hub.visits.create.mutationOptions());
  const ids = { date: "visit-date", time: "visit-time", mode: "visit-mode", notes: "visit-notes" };
  const caseDates = { start: c.startDate, end: (c.endDate as string | null) ?? null, plannedEnd: (c.plannedEndDate as string | null) ?? null };
  // Today only while today is within the case's plan; otherwise empty, for the date the visit happened.
  const rf = useRecordForm<TVisit>({ key: `hub-visit:${c.id}`, schema: ZVisit, empty: { date: eventDayDefault(caseDates, todayIso()), time: "10:00", mode: "", notes: "", outsidePlanReason: "" }, ids: { ...ids, outsidePlanReason: "visit-reason" } });
  const { form, errors } = rf;
  const date = form.watch("date");
  // The core's rule, as the API applies it: a visit after the case's (planned) end needs a reason.
  const afterPlan = /^\d{4}-\d{2}-\d{2}$/.test(date) && caseEventProblem({ what: "visit", day: date, case: caseDates, today: todayIso(), happened: true })?.path === "outsidePlanReason";
  const onSubmit = form.handleSubmit(async (v) => {
    rf.setProblem(null);
    const problem = caseEventProblem({ what: "visit", day: v.date, case: caseDates, today: todayIso(), happened: true, outsidePlanReason: v.outsidePlanReason });
    if (problem) {
      form.setError(problem.path === "at" ? "date" : "outsidePlanReason", { type: "range", message: problem.message });
      return;
    }
    try {
      await create.mutateAsync({
        hubCaseId: c.id,
        at: `${v.date}T${v.time}:00.000Z`,
        mode: v.mode as (typeof VISIT_MODES)[number],
        ...(v.notes.trim() ? { notes: v.notes.trim() } : {}),
        ...(afterPlan && v.outsidePlanReason.trim() ? { outsidePlanReason: v.outsidePlanReason.trim() } : {}),
      });
      rf.saved();
      await queryClient.invalidateQueries({ queryKey: api.hub.pathKey() });
      onSaved("Visit recorded");
    } catch (error) {
      rf.failed(error, v, {
        path: (p) => (p === "at" ? "date" : p),
        otherwise: (info) => {
          if (info.code !== "BAD_REQUEST") return false;
          form.setError("date", { type: "server", message: info.message });
          return true;
        },
      });
    }
  });
  const visits = [...(c.visits as { id: string; at: string; mode: string; notes: string | null }[])].reverse();
  return (
    <>
      {visits.length ? (
        <Table
          caption={`Visits (${visits.length}), latest first`}
          captionSize="s"
          rows={visits.slice(0, 20)}
          rowKey={(v) => v.id}
          columns={[
            { header: "When", cell: (v) => formatDateTime(v.at) },
            { header: "How", cell: (v) => MODE_LABEL[v.mode] ?? v.mode },
            { header: "Notes", cell: (v) => v.notes ?? "" },
          ]}
        />
      ) : (
        <p className="govuk-body">No visits recorded yet.</p>
      )}
      {canWrite && c.status === "open" ? (
        <RecordFormFrame label="Record a visit" heading="Record a visit" onSubmit={onSubmit} {...rf.frame} submit="Save visit">
          <Controller control={form.control} name="date" render={({ field }) => <DateInput id="visit-date" legend="Date of the visit" legendSize="s" error={errors.date?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
          <Input id="visit-time" label="Time" hint="24-hour clock, for example 14:30" width={5} inputMode="numeric" error={errors.time?.message} {...form.register("time")} />
          <Radios id="visit-mode" legend="How did the visit take place?" legendSize="s" small error={errors.mode?.message} items={VISIT_MODES.map((m) => ({ value: m, label: MODE_LABEL[m] ?? m }))} inputProps={form.register("mode")} />
          <Textarea id="visit-notes" label="Notes (optional)" rows={3} error={errors.notes?.message} {...form.register("notes")} />
          {afterPlan ? (
            <Textarea
              id="visit-reason"
              label="Why is this visit after the case's planned end?"
              hint={`The case ${caseDates.end ? "ended" : "was planned to end"} on ${formatDay(caseDates.end ?? caseDates.plannedEnd)}. At least 10 characters.`}
              rows={2}
              error={errors.outsidePlanReason?.message}
              {...form.register("outsidePlanReason")}
            />
          ) : null}
        </RecordFormFrame>
      ) : null}
    </>
  );
}

// ---------------------------------------------------------------- step-down
export const STEP_DOWN_SERVICES = ["Early Help", "Universal services", "Family support service", "School-based support", "Health visiting", "Other"] as const;

const ZStep = z
  .object({
    agreedAt: requiredDate("the date agreed").refine(notFuture, { message: "The plan cannot be agreed in the future" }),
    toService: z.string().min(1, "Select the service the family steps down to"),
    otherService: z.string().trim().max(120, "The service must be 120 characters or fewer"),
    reviewDate: optionalDate("The review date"),
    notes: z.string().max(4000, "Notes must be 4,000 characters or fewer"),
  })
  .refine((v) => v.toService !== "Other" || v.otherService.length > 0, { message: "Name the service", path: ["otherService"] })
  .refine((v) => !v.reviewDate || !v.agreedAt || v.reviewDate >= v.agreedAt, { message: "The review must not be before the plan is agreed", path: ["reviewDate"] });
type TStep = z.infer<typeof ZStep>;

export function StepDown({ c, canWrite, onSaved }: { c: HubCase; canWrite: boolean; onSaved: (t: string) => void }) {
  const queryClient = useQueryClient();
  const create = useMutation(api.hub.stepDown.create.mutationOptions());
  const ids = { agreedAt: "sd-agreed", toService: "sd-service", otherService: "sd-other", reviewDate: "sd-review", notes: "sd-notes" };
  const rf = useRecordForm<TStep>({ key: `hub-stepdown:${c.id}`, schema: ZStep, empty: { agreedAt: "", toService: "", otherService: "", reviewDate: "", notes: "" }, ids });
  const { form, errors } = rf;
  const toService = form.watch("toService");
  const plans = c.stepDownPlans as { id: string; agreedAt: string; toService: string; reviewDate: string | null; notes: string | null }[];
  const onSubmit = form.handleSubmit(async (v) => {
    rf.setProblem(null);
    try {
      const service = v.toService === "Other" ? v.otherService : v.toService;
      await create.mutateAsync({ hubCaseId: c.id, agreedAt: v.agreedAt, toService: service, ...(v.reviewDate ? { reviewDate: v.reviewDate } : {}), ...(v.notes.trim() ? { notes: v.notes.trim() } : {}) });
      rf.saved();
      await queryClient.invalidateQueries({ queryKey: api.hub.pathKey() });
      onSaved(`Step-down plan to ${service} recorded`);
    } catch (error) {
      rf.failed(error, v, {
        otherwise: (info) => {
          if (info.code !== "BAD_REQUEST") return false;
          form.setError(/review/i.test(info.message) ? "reviewDate" : "agreedAt", { type: "server", message: info.message });
          return true;
        },
      });
    }
  });
  return (
    <>
      {plans.length ? (
        <Table
          caption="Step-down plans"
          captionSize="s"
          rows={plans}
          rowKey={(s) => s.id}
          columns={[
            { header: "Steps down to", cell: (s) => s.toService },
            { header: "Agreed", cell: (s) => formatDay(s.agreedAt) },
            { header: "Review", cell: (s) => (s.reviewDate ? formatDay(s.reviewDate) : "None set") },
            { header: "Notes", cell: (s) => s.notes ?? "" },
          ]}
        />
      ) : (
        <p className="govuk-body">No step-down plan yet.</p>
      )}
      {canWrite ? (
        <RecordFormFrame label="Record a step-down plan" heading="Record a step-down plan" onSubmit={onSubmit} {...rf.frame} submit="Save step-down plan">
          <Controller control={form.control} name="agreedAt" render={({ field }) => <DateInput id="sd-agreed" legend="Date agreed" legendSize="s" error={errors.agreedAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
          <Select id="sd-service" label="Steps down to" error={errors.toService?.message} options={[{ value: "", label: "Select a service" }, ...STEP_DOWN_SERVICES.map((s) => ({ value: s, label: s }))]} {...form.register("toService")} />
          {toService === "Other" ? <Input id="sd-other" label="Name of the service" error={errors.otherService?.message} {...form.register("otherService")} /> : null}
          <Controller control={form.control} name="reviewDate" render={({ field }) => <DateInput id="sd-review" legend="Review date (optional)" legendSize="s" error={errors.reviewDate?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
          <Textarea id="sd-notes" label="What the plan says (optional)" rows={3} error={errors.notes?.message} {...form.register("notes")} />
        </RecordFormFrame>
      ) : null}
    </>
  );
}

// ---------------------------------------------------------------- close and follow up
const ZClose = z.object({
  status: requiredChoice("Select how the case ended"),
  endDate: requiredDate("the date the case ended").refine(notFuture, { message: "The end date cannot be in the future" }),
  reason: z.string().trim().max(200, "The reason must be 200 characters or fewer"),
});
type TClose = z.infer<typeof ZClose>;

export function CloseCase({ c, onSaved }: { c: HubCase; onSaved: (t: string) => void }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const update = useMutation(api.hub.update.mutationOptions());
  const schedule = useMutation(api.followUps.schedule.mutationOptions());
  const form = useForm<TClose>({ shouldFocusError: false, resolver: zodResolver(ZClose), defaultValues: { status: "", endDate: "", reason: "" } });
  const errors = form.formState.errors;
  const ids = { status: "close-status", endDate: "close-end", reason: "close-reason" };
  if (c.status !== "open") {
    return (
      <>
        <p className="govuk-body">
          The case ended on {formatDay(c.endDate)} ({String(c.status).replace(/_/g, " ")}).
        </p>
        {problem ? <ErrorSummary errors={[]} description={problem} /> : null}
        <Button
          variant="secondary"
          disabled={schedule.isPending}
          onClick={async () => {
            setProblem(null);
            try {
              const out = await schedule.mutateAsync({ hubCaseId: c.id });
              await queryClient.invalidateQueries({ queryKey: api.followUps.pathKey() });
              onSaved(`${out.items.length} monthly follow-ups planned from ${formatDay(out.from)}`);
            } catch (error) {
              setProblem(saveProblem(error));
            }
          }}
        >
          Plan follow-ups (monthly for six months)
        </Button>
      </>
    );
  }
  const onSubmit = form.handleSubmit(async (v) => {
    setProblem(null);
    setConflict(false);
    if (v.endDate < c.startDate) {
      form.setError("endDate", { type: "range", message: `The case cannot end before it started on ${formatDay(c.startDate)}` });
      return;
    }
    try {
      await update.mutateAsync({ id: c.id, version: c.version as number, patch: { status: v.status as "closed" | "stepped_down" | "escalated", endDate: v.endDate, ...(v.reason ? { closureReason: v.reason } : {}) } });
      await queryClient.invalidateQueries({ queryKey: api.hub.pathKey() });
      onSaved("Hub case ended");
    } catch (error) {
      const info = errorInfo(error);
      if (info.code === "CONFLICT") {
        setConflict(true);
        await queryClient.invalidateQueries({ queryKey: api.hub.pathKey() });
      } else if (info.fieldErrors.length) {
        const rest = applyFieldErrors(info.fieldErrors.map((f) => ({ ...f, path: f.path === "closureReason" ? "reason" : f.path })), form.setError, Object.keys(ids));
        if (rest.length) setProblem(rest.join("; "));
      } else setProblem(saveProblem(error));
    }
  });
  return (
    <RecordFormFrame
      label="End the hub case"
      onSubmit={onSubmit}
      summary={summaryErrors(errors, ids)}
      problem={problem}
      conflict={conflict ? { heading: "Someone else changed this case while you were typing", body: "The page now shows what they saved; what you chose is still here. Save again if it still applies." } : null}
      submitting={form.formState.isSubmitting}
      submit="End the case"
      submitVariant="secondary"
      after={
        <p className="govuk-body-s">
          <Tag colour="grey">Next</Tag> Once the case has ended, plan the follow-up contacts.
        </p>
      }
    >
      <Radios
        id="close-status"
        legend="How did the case end?"
        legendSize="s"
        small
        error={errors.status?.message}
        items={[
          { value: "stepped_down", label: "Stepped down" },
          { value: "closed", label: "Closed" },
          { value: "escalated", label: "Escalated to children's social care" },
        ]}
        inputProps={form.register("status")}
      />
      <Controller control={form.control} name="endDate" render={({ field }) => <DateInput id="close-end" legend="Date the case ended" legendSize="s" error={errors.endDate?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Input id="close-reason" label="Reason (optional)" error={errors.reason?.message} {...form.register("reason")} />
    </RecordFormFrame>
  );
}
