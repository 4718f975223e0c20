/**
 * One-to-one work after the group: refer a man who completed the
 * perpetrators' group, record when the work starts, and complete it (or
 * record a withdrawal). The monitoring measure "one-to-one work completed"
 * counts these completions. The rules (who is eligible, dates in order) are
 * the core's; the API answers with the field that is wrong, shown at the
 * field. A failed save keeps the typing on this device; a conflict keeps it
 * and says someone else saved first.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { ZDate } from "@evident/core";
import { applyFieldErrors, Button, DateInput, Details, DraftOfferBanner, ErrorSummary, Input, NotificationBanner, Radios, requiredChoice, Select, summaryErrors, Table, Tag, useFormDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDay } from "../../lib/format.js";
import { saveProblem } from "../../lib/record-form.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type Work = RouterOutputs["programmes"]["oneToOne"]["list"]["items"][number];
const today = () => new Date().toISOString().slice(0, 10);
const realDate = (what: string) => z.string().refine((v) => ZDate.safeParse(v).success, { message: `Enter ${what}, for example 27 3 2025` });
const optionalDate = (what: string) => z.string().refine((v) => v === "" || ZDate.safeParse(v).success, { message: `${what} must be a real date, for example 27 3 2025` });

// ---------------------------------------------------------------- refer
const ZRefer = z
  .object({
    personId: z.string().min(1, "Select the person to refer"),
    referredAt: realDate("the date of referral"),
    startedAt: optionalDate("The start date"),
    referralSource: z.string().trim().max(120, "Who referred them must be 120 characters or fewer"),
  })
  .refine((v) => !v.startedAt || !ZDate.safeParse(v.referredAt).success || v.startedAt >= v.referredAt, { message: "The work cannot start before the referral", path: ["startedAt"] });
type TRefer = z.infer<typeof ZRefer>;
const REFER_IDS = { personId: "oto-person", referredAt: "oto-referredAt", startedAt: "oto-startedAt", referralSource: "oto-source" };

function Refer({ onSaved }: { onSaved: (text: string) => void }) {
  const queryClient = useQueryClient();
  const key = "one-to-one:new";
  const [problem, setProblem] = useState<string | null>(null);
  const candidates = useQuery(api.programmes.oneToOne.candidates.queryOptions({}));
  const create = useMutation(api.programmes.oneToOne.create.mutationOptions());
  const form = useForm<TRefer>({ shouldFocusError: false, resolver: zodResolver(ZRefer), defaultValues: { personId: "", referredAt: "", startedAt: "", referralSource: "" }, mode: "onSubmit", reValidateMode: "onChange" });
  const draft = useFormDraft(form, key);
  const { register, control, handleSubmit, formState, setError } = form;
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    try {
      await create.mutateAsync({ personId: v.personId, referredAt: v.referredAt, ...(v.startedAt ? { startedAt: v.startedAt } : {}), ...(v.referralSource.trim() ? { referralSource: v.referralSource.trim() } : {}) });
      draft.saved();
      const who = candidates.data?.items.find((c) => c.personId === v.personId)?.name ?? "The person";
      form.reset({ personId: "", referredAt: "", startedAt: "", referralSource: "" });
      await queryClient.invalidateQueries({ queryKey: api.programmes.oneToOne.pathKey() });
      onSaved(`${who} has been referred for one-to-one work`);
    } catch (error) {
      draft.keepNow(v);
      const info = errorInfo(error);
      if (info.fieldErrors.length) {
        const rest = applyFieldErrors(info.fieldErrors, setError, Object.keys(REFER_IDS));
        if (rest.length) setProblem(rest.join("; "));
        return;
      }
      setProblem(info.code === "CONFLICT" ? "This person already has one-to-one work open." : saveProblem(error));
    }
  });
  const items = candidates.data?.items ?? [];
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Refer for one-to-one work">
      <ErrorSummary errors={summaryErrors(errors, REFER_IDS)} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      <Select
        id="oto-person"
        label="Person to refer"
        hint="Men who completed the perpetrators' group and have no one-to-one work yet"
        error={errors.personId?.message}
        options={[
          { value: "", label: candidates.isPending ? "Loading…" : items.length ? "Select a person" : "Nobody is waiting for one-to-one work" },
          ...items.map((c) => ({ value: c.personId, label: `${c.name} – completed ${c.group} ${formatDay(c.completedAt)}` })),
        ]}
        {...register("personId")}
      />
      <Controller control={control} name="referredAt" render={({ field }) => <DateInput id="oto-referredAt" legend="Date of referral" error={errors.referredAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Controller
        control={control}
        name="startedAt"
        render={({ field }) => <DateInput id="oto-startedAt" legend="Date the work started (optional)" hint="Leave blank if it has not started yet" error={errors.startedAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />}
      />
      <Input id="oto-source" label="Who referred them (optional)" error={errors.referralSource?.message} {...register("referralSource")} />
      <Button type="submit" disabled={formState.isSubmitting}>
        Refer for one-to-one work
      </Button>
    </form>
  );
}

// ---------------------------------------------------------------- progress
const ZProgress = z
  .object({
    status: requiredChoice("Select what happened"),
    date: realDate("the date"),
    reason: z.string().trim().max(200, "The reason must be 200 characters or fewer"),
  })
  .refine((v) => v.status !== "withdrawn" || v.reason.length > 0, { message: "Give the reason they withdrew", path: ["reason"] })
  .refine((v) => !ZDate.safeParse(v.date).success || v.date <= today(), { message: "The date cannot be in the future", path: ["date"] });
type TProgress = z.infer<typeof ZProgress>;

function Progress({ work, onSaved }: { work: Work; onSaved: (text: string) => void }) {
  const queryClient = useQueryClient();
  const key = `one-to-one:${work.id}`;
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const update = useMutation(api.programmes.oneToOne.update.mutationOptions());
  const ids = { status: `p-${work.id}-status`, date: `p-${work.id}-date`, reason: `p-${work.id}-reason` };
  const form = useForm<TProgress>({ shouldFocusError: false, resolver: zodResolver(ZProgress), defaultValues: { status: "", date: "", reason: "" } });
  const draft = useFormDraft(form, key);
  const { register, control, handleSubmit, formState, setError, watch } = form;
  const errors = formState.errors;
  const status = watch("status");
  const choices = work.status === "referred" ? [{ value: "started", label: "The work started" }] : [{ value: "completed", label: "The work was completed" }];
  choices.push({ value: "withdrawn", label: "They withdrew" });
  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    setConflict(false);
    const patch =
      v.status === "started"
        ? { status: "started" as const, startedAt: v.date }
        : v.status === "completed"
          ? { status: "completed" as const, completedAt: v.date }
          : { status: "withdrawn" as const, withdrawnAt: v.date, withdrawalReason: v.reason };
    try {
      await update.mutateAsync({ id: work.id, version: work.version, patch });
      draft.saved();
      await queryClient.invalidateQueries({ queryKey: api.programmes.oneToOne.pathKey() });
      onSaved(`${work.person.firstName} ${work.person.lastName}: ${v.status === "started" ? "work started" : v.status === "completed" ? "one-to-one work completed" : "withdrawal recorded"}`);
    } catch (error) {
      draft.keepNow(v);
      const info = errorInfo(error);
      if (info.code === "CONFLICT") {
        setConflict(true);
        await queryClient.invalidateQueries({ queryKey: api.programmes.oneToOne.pathKey() });
        return;
      }
      if (info.fieldErrors.length) {
        const mapped = info.fieldErrors.map((f) => ({ ...f, path: /At$/.test(f.path) ? "date" : f.path === "withdrawalReason" ? "reason" : f.path }));
        const rest = applyFieldErrors(mapped, setError, ["status", "date", "reason"]);
        if (rest.length) setProblem(rest.join("; "));
        return;
      }
      setProblem(saveProblem(error));
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label={`Record progress for ${work.person.firstName} ${work.person.lastName}`}>
      {conflict ? (
        <NotificationBanner heading="Someone else updated this work while you were typing">
          <p className="govuk-body">Nothing you typed has been lost. The table now shows what they saved; check it, then save again if your change still applies.</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary errors={summaryErrors(errors, ids)} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      <Radios id={ids.status} legend="What happened?" legendSize="s" error={errors.status?.message} small items={choices} inputProps={register("status")} />
      <Controller control={control} name="date" render={({ field }) => <DateInput id={ids.date} legend="Date" legendSize="s" error={errors.date?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      {status === "withdrawn" ? <Input id={ids.reason} label="Why did they withdraw?" error={errors.reason?.message} {...register("reason")} /> : null}
      <Button type="submit" disabled={formState.isSubmitting}>
        Save
      </Button>
    </form>
  );
}

const STATUS_TAG: Record<string, "yellow" | "blue" | "green" | "grey"> = { referred: "yellow", started: "blue", completed: "green", withdrawn: "grey" };

export default function OneToOnePage() {
  const auth = useAuth();
  const [saved, setSaved] = useState<string | null>(null);
  const open = useQuery(api.programmes.oneToOne.list.queryOptions({ open: true, limit: 100 }));
  const closed = useQuery(api.programmes.oneToOne.list.queryOptions({ open: false, limit: 100 }));
  const canWrite = auth.can("programmes:write");
  const name = (w: Work) => `${w.person.firstName} ${w.person.lastName}`;
  return (
    <Page title="One-to-one work" caption="After the group programme">
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      <p className="govuk-body">
        Targeted one-to-one work for men who have completed the perpetrators&apos; group: usually ten weekly sessions. Completing it counts towards the &ldquo;one-to-one work completed&rdquo;
        output in monitoring.
      </p>
      <h2 className="govuk-heading-m">Open</h2>
      {open.isPending ? (
        <Loading what="Loading one-to-one work" />
      ) : open.isError ? (
        <QueryError error={open.error} what="One-to-one work" />
      ) : open.data.items.length === 0 ? (
        <p className="govuk-body">No one-to-one work is open.</p>
      ) : (
        <>
          <Table
            caption="Open one-to-one work"
            captionSize="s"
            rows={open.data.items}
            rowKey={(w) => w.id}
            columns={[
              { header: "Person", cell: (w) => name(w) },
              { header: "Referred", cell: (w) => formatDay(w.referredAt) },
              { header: "Started", cell: (w) => (w.startedAt ? formatDay(w.startedAt) : "Not started") },
              { header: "Status", cell: (w) => <Tag colour={STATUS_TAG[String(w.status)]}>{String(w.status)}</Tag> },
            ]}
          />
          {canWrite
            ? open.data.items.map((w) => (
                <Details key={`${w.id}:${w.version}`} summary={`Record progress for ${name(w)}`}>
                  <Progress work={w} onSaved={setSaved} />
                </Details>
              ))
            : null}
        </>
      )}
      {canWrite ? (
        <>
          <h2 className="govuk-heading-m">Refer for one-to-one work</h2>
          <Refer onSaved={setSaved} />
        </>
      ) : null}
      <h2 className="govuk-heading-m govuk-!-margin-top-6">Completed or withdrawn</h2>
      {closed.isPending ? (
        <Loading what="Loading finished work" />
      ) : closed.isError ? (
        <QueryError error={closed.error} what="Finished one-to-one work" />
      ) : closed.data.items.length === 0 ? (
        <p className="govuk-body">None yet.</p>
      ) : (
        <Table
          caption="Completed or withdrawn one-to-one work"
          captionSize="s"
          rows={closed.data.items}
          rowKey={(w) => w.id}
          columns={[
            { header: "Person", cell: (w) => name(w) },
            { header: "Started", cell: (w) => formatDay(w.startedAt) },
            { header: "Ended", cell: (w) => (w.status === "completed" ? `Completed ${formatDay(w.completedAt)}` : `Withdrew ${formatDay(w.withdrawnAt)}${w.withdrawalReason ? `: ${String(w.withdrawalReason)}` : ""}`) },
            { header: "Status", cell: (w) => <Tag colour={STATUS_TAG[String(w.status)]}>{String(w.status)}</Tag> },
          ]}
        />
      )}
    </Page>
  );
}
