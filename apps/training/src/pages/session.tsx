import { Button, Details, DraftOfferBanner, ErrorSummary, NotificationBanner, SummaryList, Textarea, useStateDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { useAuth } from "../lib/auth.js";
import { formatDate, plural, todayIso } from "../lib/format.js";
import { api, errorInfo, type RouterOutputs } from "../lib/trpc.js";

type Session = RouterOutputs["training"]["sessions"]["get"];

export default function SessionPage() {
  const { id = "" } = useParams();
  const q = useQuery(api.training.sessions.get.queryOptions({ id }));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} what="The session" />;
  return <SessionView s={q.data} />;
}

function SessionView({ s }: { s: Session }) {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const canWrite = auth.can("training:write");
  const booked = useMemo(() => Object.fromEntries(s.register.map((r) => [r.staffId, r.attended])), [s]);
  const [marks, setMarks, draft] = useStateDraft<Record<string, boolean>>(`training-register:${s.id}`, booked);
  const [invite, setInvite] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setMarks(booked), [booked, setMarks]);
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: api.training.sessions.pathKey() }), queryClient.invalidateQueries({ queryKey: api.training.dashboard.pathKey() }), queryClient.invalidateQueries({ queryKey: api.training.staff.pathKey() })]);
  const fail = (e: unknown) => setProblem(errorInfo(e).code === "CONFLICT" ? "Someone else changed this session. The page has been reloaded; check the register and try again." : errorInfo(e).message);
  const doInvite = useMutation({ ...api.training.sessions.invite.mutationOptions(), onSuccess: async (r) => { setMessage(`${plural(r.invited, "person", "people")} invited`); setInvite([]); await refresh(); }, onError: async (e) => { fail(e); await refresh(); } });
  const doMark = useMutation(api.training.sessions.mark.mutationOptions());
  const doComplete = useMutation(api.training.sessions.complete.mutationOptions());
  const open = !s.cancelled && s.date <= todayIso();
  const saveRegister = async (complete: boolean) => {
    setProblem(null);
    setMessage(null);
    try {
      let version = s.version;
      if (s.register.length > 0) version = (await doMark.mutateAsync({ id: s.id, version, marks: s.register.map((r) => ({ staffId: r.staffId, attended: !!marks[r.staffId] })) })).version;
      if (complete) {
        const r = await doComplete.mutateAsync({ id: s.id, version });
        setMessage(`Session completed: ${plural(r.completions, "completion")} recorded${r.expiresOn ? `, valid until ${formatDate(r.expiresOn)}` : ""}.`);
      } else setMessage("Register saved");
      draft.saved(marks);
    } catch (e) {
      fail(e);
    }
    await refresh();
  };
  return (
    <Page title={`${s.course}, ${formatDate(s.date)}`} caption="Session">
      {message ? <NotificationBanner type="success" heading={message} focusOnMount /> : null}
      <DraftOfferBanner offer={draft.offer} />
      <ErrorSummary errors={[]} description={problem ?? undefined} />
      <SummaryList
        rows={[
          { key: "Course", value: <Link className="govuk-link" to={`/courses/${s.courseId}`}>{s.course}</Link> },
          { key: "When", value: `${formatDate(s.date)}, ${s.startTime ?? ""}–${s.endTime ?? ""}` },
          { key: "Venue", value: s.venue ?? "–" },
          { key: "Trainer", value: s.trainer ?? "Not decided" },
          { key: "Places", value: s.capacity ? `${s.register.length} of ${s.capacity} booked` : `${s.register.length} booked` },
          ...(s.cancelled && s.cancelReason ? [{ key: "Reason for cancelling", value: s.cancelReason }] : []),
          { key: "Status", value: s.cancelled ? "Cancelled" : s.completed ? "Completed: completions recorded for everyone present" : open ? "Register open" : "Scheduled" },
        ]}
      />
      <h2 className="govuk-heading-m">Register</h2>
      {s.register.length === 0 ? <p className="govuk-body">Nobody is booked yet.</p> : (
        <form noValidate onSubmit={(e) => { e.preventDefault(); void saveRegister(false); }}>
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{open ? "Tick everyone who attended" : "Booked (the register opens on the day)"}</legend>
            <div className="govuk-checkboxes govuk-checkboxes--small">
              {s.register.map((r) => (
                <div className="govuk-checkboxes__item" key={r.staffId}>
                  <input className="govuk-checkboxes__input" id={`present-${r.staffId}`} type="checkbox" disabled={!canWrite || !open} checked={!!marks[r.staffId]} onChange={(e) => { const on = e.currentTarget.checked; setMarks((m) => ({ ...m, [r.staffId]: on })); }} />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`present-${r.staffId}`}>
                    {r.name}
                    <span className="govuk-hint govuk-!-margin-bottom-0">{[r.jobTitle, r.team, r.completionRecorded ? "completion recorded" : null].filter(Boolean).join(" · ")}</span>
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          {canWrite && open ? (
            <div className="govuk-button-group govuk-!-margin-top-4">
              <Button type="submit" variant="secondary" disabled={doMark.isPending}>
                Save register
              </Button>
              <Button onClick={() => void saveRegister(true)} disabled={doMark.isPending || doComplete.isPending}>
                Save and record completion
              </Button>
            </div>
          ) : null}
        </form>
      )}
      {canWrite && !s.cancelled ? (
        <section aria-labelledby="invite-heading">
          <h2 className="govuk-heading-m" id="invite-heading">
            Invite staff assigned this course
          </h2>
          {s.toInvite.length === 0 ? <p className="govuk-body">Everyone who is assigned this course and in post is already booked, or nobody is waiting.</p> : (
            <form noValidate onSubmit={(e) => { e.preventDefault(); if (invite.length) doInvite.mutate({ id: s.id, version: s.version, staffIds: invite }); }}>
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{plural(s.toInvite.length, "person", "people")} waiting, earliest due first</legend>
                <div className="govuk-checkboxes govuk-checkboxes--small">
                  {s.toInvite.slice(0, 60).map((r) => (
                    <div className="govuk-checkboxes__item" key={r.staffId}>
                      <input className="govuk-checkboxes__input" id={`invite-${r.staffId}`} type="checkbox" checked={invite.includes(r.staffId)} onChange={(e) => { const on = e.currentTarget.checked; setInvite((l) => (on ? [...l, r.staffId] : l.filter((x) => x !== r.staffId))); }} />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={`invite-${r.staffId}`}>
                        {r.name} <span className="govuk-hint govuk-!-margin-bottom-0">{[r.team, `due ${formatDate(r.dueOn)}`].filter(Boolean).join(" · ")}</span>
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
              <Button type="submit" variant="secondary" className="govuk-!-margin-top-4" disabled={invite.length === 0 || doInvite.isPending}>
                Invite {invite.length > 0 ? plural(invite.length, "person", "people") : "selected"}
              </Button>
            </form>
          )}
        </section>
      ) : null}
      {canWrite && !s.cancelled && !s.completed ? <CancelSession s={s} onDone={refresh} onMessage={setMessage} /> : null}
    </Page>
  );
}

/** Cancel with a reason; everyone booked is told in-app and by email. */
function CancelSession({ s, onDone, onMessage }: { s: Session; onDone: () => Promise<unknown>; onMessage: (m: string) => void }) {
  const [reason, setReason, draft] = useStateDraft(`training-cancel:${s.id}`, "");
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const cancel = useMutation(api.training.sessions.cancel.mutationOptions());
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const r = reason.trim();
    if (!r) return setError("Enter why the session is cancelled");
    if (r.length > 500) return setError("The reason must be 500 characters or fewer");
    setError(null);
    try {
      const done = await cancel.mutateAsync({ id: s.id, version: s.version, reason: r });
      draft.saved();
      onMessage(`Session cancelled. ${plural(done.notified, "person", "people")} told in the app, ${plural(done.emails, "email")} queued.`);
    } catch (err) {
      const info = errorInfo(err);
      setProblem(info.code === "CONFLICT" ? "Someone else changed this session. The page has been reloaded; check it and try again." : info.message);
    }
    await onDone();
  };
  return (
    <Details summary="Cancel this session">
      <form noValidate onSubmit={submit}>
        <DraftOfferBanner offer={draft.offer} />
        <ErrorSummary errors={error ? [{ href: "cancelReason", text: error }] : []} description={problem ?? undefined} />
        <p className="govuk-body">{s.register.length > 0 ? `The ${plural(s.register.length, "person", "people")} booked will be told, and their training stays assigned.` : "Nobody is booked yet."}</p>
        <Textarea id="cancelReason" label="Why is it cancelled?" hint="Booked staff see this reason" rows={3} error={error ?? undefined} value={reason} onChange={(e) => setReason(e.target.value)} />
        <Button type="submit" variant="warning" disabled={cancel.isPending}>
          Cancel session
        </Button>
      </form>
    </Details>
  );
}
