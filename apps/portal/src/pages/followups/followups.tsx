/**
 * Follow-ups after a programme or a hub case ends (planned monthly for six
 * months by default): what is overdue and what is due, for the caller or (a
 * manager) their team, and recording a follow-up done with its outcome. Due
 * and overdue are decided by the core (through the API).
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { AGENCY_LABEL, type Agency } from "../../lib/agencies.js";
import { applyFieldErrors, Button, DateInput, Details, ErrorSummary, Input, NotificationBanner, Radios, Select, summaryErrors, Table, Tag, DraftOfferBanner, useFormDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Link } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDay } from "../../lib/format.js";
import { notFuture, requiredDate, saveProblem } from "../../lib/record-form.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type FollowUp = RouterOutputs["followUps"]["due"]["due"][number];

const kindLabel = (f: FollowUp) => (f.kind === "onward_referral" ? `Onward referral${f.service ? ` to ${AGENCY_LABEL[f.service as Agency] ?? String(f.service)}` : ""}` : "Follow-up contact");

const ZDone = z
  .object({
    doneDate: requiredDate("the date of the follow-up").refine(notFuture, { message: "The date cannot be in the future" }),
    outcome: z.string().trim().min(1, "Say what happened, for example contacted – doing well").max(200, "The outcome must be 200 characters or fewer"),
    takenUp: z.string({ error: "Say whether the referral was taken up" }),
  })
  .strict();
type TDone = z.infer<typeof ZDone>;

function RecordFollowUp({ f, onSaved }: { f: FollowUp; onSaved: (text: string) => void }) {
  const queryClient = useQueryClient();
  const key = `follow-up:${f.id}`;
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const complete = useMutation(api.followUps.complete.mutationOptions());
  const ids = { doneDate: `fu-${f.id}-date`, outcome: `fu-${f.id}-outcome`, takenUp: `fu-${f.id}-taken` };
  const onward = f.kind === "onward_referral";
  const schema = onward ? ZDone.refine((v) => v.takenUp !== "", { message: "Say whether the referral was taken up", path: ["takenUp"] }) : ZDone;
  const form = useForm<TDone>({ shouldFocusError: false, resolver: zodResolver(schema), defaultValues: { doneDate: "", outcome: "", takenUp: "" } });
  const draft = useFormDraft(form, key);
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    setProblem(null);
    setConflict(false);
    try {
      await complete.mutateAsync({ id: f.id, version: f.version as number, doneDate: v.doneDate, outcome: v.outcome.trim(), ...(onward ? { takenUp: v.takenUp === "yes" } : {}) });
      draft.saved();
      await queryClient.invalidateQueries({ queryKey: api.followUps.pathKey() });
      onSaved(`${kindLabel(f)} for the ${(f.family as { name: string }).name} recorded`);
    } catch (error) {
      draft.keepNow(v);
      const info = errorInfo(error);
      if (info.code === "CONFLICT") {
        setConflict(true);
        await queryClient.invalidateQueries({ queryKey: api.followUps.pathKey() });
        return;
      }
      if (info.fieldErrors.length) {
        const rest = applyFieldErrors(info.fieldErrors, form.setError, Object.keys(ids));
        if (rest.length) setProblem(rest.join("; "));
        return;
      }
      setProblem(saveProblem(error));
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label={`Record the follow-up due ${formatDay(f.dueDate)} for the ${(f.family as { name: string }).name}`}>
      {conflict ? <NotificationBanner heading="Someone else changed this follow-up while you were typing">The list now shows what they saved; what you typed is still here.</NotificationBanner> : null}
      <ErrorSummary errors={summaryErrors(errors, ids)} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      <Controller control={form.control} name="doneDate" render={({ field }) => <DateInput id={ids.doneDate} legend="Date of the follow-up" legendSize="s" error={errors.doneDate?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Input id={ids.outcome} label="Outcome" hint="For example: contacted – doing well; no answer, will try again" error={errors.outcome?.message} {...form.register("outcome")} />
      {onward ? (
        <Radios id={ids.takenUp} legend="Was the referral taken up?" legendSize="s" inline error={errors.takenUp?.message} items={[{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]} inputProps={form.register("takenUp")} />
      ) : null}
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Record follow-up
      </Button>
    </form>
  );
}

function FollowUpTable({ caption, rows, canWrite, onSaved }: { caption: string; rows: FollowUp[]; canWrite: boolean; onSaved: (t: string) => void }) {
  return (
    <>
      <Table
        caption={caption}
        captionSize="s"
        rows={rows}
        rowKey={(f) => f.id}
        columns={[
          { header: "Family", cell: (f) => <Link className="govuk-link" to={`/families/${f.familyId}`}>{(f.family as { name: string }).name}</Link> },
          { header: "What", cell: (f) => kindLabel(f) },
          { header: "Due", cell: (f) => formatDay(f.dueDate) },
          { header: "State", cell: (f) => (f.state === "overdue" ? <Tag colour="red">{`${f.daysOverdue} days overdue`}</Tag> : <Tag colour="yellow">Due</Tag>) },
        ]}
      />
      {canWrite
        ? rows.map((f) => (
            <Details key={`${f.id}:${f.version as number}`} summary={`Record the follow-up due ${formatDay(f.dueDate)} for the ${(f.family as { name: string }).name}`}>
              <RecordFollowUp f={f} onSaved={onSaved} />
            </Details>
          ))
        : null}
    </>
  );
}

export default function FollowUpsPage() {
  const auth = useAuth();
  const [scope, setScope] = useState<"mine" | "team">("mine");
  const [withinDays, setWithinDays] = useState(14);
  const [saved, setSaved] = useState<string | null>(null);
  const q = useQuery(api.followUps.due.queryOptions({ scope, withinDays, limit: 200 }));
  const canWrite = auth.can("followUps:write");
  return (
    <Page title="Follow-ups" caption="After a programme or a hub case ends">
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      <p className="govuk-body">Families are contacted monthly for six months after their programme or hub case ends, unless planned otherwise. Overdue contacts come first.</p>
      <div className="govuk-grid-row">
        {auth.me?.role === "manager" ? (
          <div className="govuk-grid-column-one-half">
            <Select id="fu-scope" label="Whose follow-ups" value={scope} onChange={(e) => setScope(e.target.value as "mine" | "team")} options={[{ value: "mine", label: "Mine" }, { value: "team", label: "My team's" }]} />
          </div>
        ) : null}
        <div className="govuk-grid-column-one-half">
          <Select
            id="fu-window"
            label="Due within"
            value={String(withinDays)}
            onChange={(e) => setWithinDays(Number(e.target.value))}
            options={[7, 14, 30, 60].map((d) => ({ value: String(d), label: `${d} days` }))}
          />
        </div>
      </div>
      {q.isPending ? (
        <Loading what="Loading follow-ups" />
      ) : q.isError ? (
        <QueryError error={q.error} what="Follow-ups" />
      ) : (
        <>
          <h2 className="govuk-heading-m">
            Overdue <span className="govuk-!-font-weight-regular">({q.data.overdue.length})</span>
          </h2>
          {q.data.overdue.length ? <FollowUpTable caption="Overdue follow-ups" rows={q.data.overdue} canWrite={canWrite} onSaved={setSaved} /> : <p className="govuk-body">Nothing is overdue.</p>}
          <h2 className="govuk-heading-m">
            Due in the next {withinDays} days <span className="govuk-!-font-weight-regular">({q.data.due.length})</span>
          </h2>
          {q.data.due.length ? <FollowUpTable caption="Follow-ups due" rows={q.data.due} canWrite={canWrite} onSaved={setSaved} /> : <p className="govuk-body">Nothing is due.</p>}
        </>
      )}
    </Page>
  );
}
