/**
 * One group: its details, the register for every session on one screen
 * (mark a whole column in one click, save once), completion per person, and
 * referral into the group with its safety checks.
 */
import { ENROLMENT_STATUS_LABELS, groupCompletionSummary, labelOf, meetsCompletion } from "@evident/core";
import { Button, Details, ErrorSummary, NotificationBanner, ScrollRegion, SummaryList, Tag, WarningText } from "@evident/ui";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDateTime, formatDay, trackLabel } from "../../lib/format.js";
import { api, client, errorInfo } from "../../lib/trpc.js";
import type { FamilyDetail, GroupDetail, GroupEnrolmentRow } from "../../lib/shapes.js";
import { ReferIntoGroup } from "./refer.js";
import { ReinstateButton, WithdrawForm } from "./withdraw.js";

type Group = GroupDetail;
type Mark = "attended" | "absent_notified" | "absent";
const MARKS: { value: Mark | ""; label: string; short: string }[] = [
  { value: "", label: "", short: "–" },
  { value: "attended", label: "Yes", short: "✓" },
  { value: "absent_notified", label: "Apols", short: "A" },
  { value: "absent", label: "No", short: "✗" },
];

/** True while the viewport is at least `minWidth` px wide (tablets get the one-session view). */
function useWide(minWidth: number) {
  const query = `(min-width: ${minWidth}px)`;
  const [wide, setWide] = useState(() => typeof window === "undefined" || !window.matchMedia || window.matchMedia(query).matches);
  useEffect(() => {
    if (!window.matchMedia) return;
    const mql = window.matchMedia(query);
    const on = () => setWide(mql.matches);
    mql.addEventListener("change", on);
    return () => mql.removeEventListener("change", on);
  }, [query]);
  return wide;
}

/**
 * The register for every session. On a laptop, a grid of all sessions (sticky
 * name column; a whole column in one click). Narrower than 1020 px (a tablet
 * at 768 px), or when chosen, one session at a time: pick the session, mark
 * everyone attended in one click, change the exceptions. Marks from either
 * view are kept until "Save register".
 */
function Register({ group, canWrite }: { group: Group; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const sessions = group.sessions.filter((s) => !s.cancelled);
  const registers = useQueries({ queries: sessions.map((s) => api.programmes.register.get.queryOptions({ sessionId: s.id })) });
  const [changes, setChanges] = useState<Record<string, Record<string, Mark>>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const wide = useWide(1020);
  const [view, setView] = useState<"grid" | "session">("grid");
  const [chosen, setChosen] = useState<string | null>(null);
  const mark = useMutation(api.programmes.register.mark.mutationOptions());
  const saved = useMemo(() => {
    const out: Record<string, Record<string, Mark | null>> = {};
    sessions.forEach((s, i) => {
      const data = registers[i]?.data;
      out[s.id] = Object.fromEntries((data?.entries ?? []).map((e) => [e.enrolmentId, e.attendance as Mark | null]));
    });
    return out;
  }, [registers, sessions]);
  // Someone who withdrew is not on the register (core rule); their earlier marks stay recorded.
  const people = group.enrolments.filter((e) => e.status !== "withdrawn");
  const withdrawn = group.enrolments.filter((e) => e.status === "withdrawn");
  if (registers.some((r) => r.isPending)) return <Loading what="Loading the register" />;
  const failed = registers.find((r) => r.isError);
  if (failed) return <QueryError error={failed.error} what="The register" />;
  const value = (sessionId: string, enrolmentId: string): Mark | "" => changes[sessionId]?.[enrolmentId] ?? saved[sessionId]?.[enrolmentId] ?? "";
  const set = (sessionId: string, enrolmentId: string, v: Mark | "") =>
    setChanges((c) => {
      const next = { ...c, [sessionId]: { ...(c[sessionId] ?? {}) } };
      if (v === "") delete next[sessionId]![enrolmentId];
      else next[sessionId]![enrolmentId] = v;
      return next;
    });
  const pending = Object.entries(changes).filter(([sid, m]) => Object.entries(m).some(([eid, v]) => saved[sid]?.[eid] !== v));
  const attendedCount = (enrolmentId: string) => sessions.filter((s) => value(s.id, enrolmentId) === "attended").length;
  const save = async () => {
    setMessage(null);
    try {
      for (const [sessionId, m] of pending) {
        const entries = Object.entries(m)
          .filter(([eid, v]) => saved[sessionId]?.[eid] !== v)
          .map(([enrolmentId, status]) => ({ enrolmentId, status }));
        if (entries.length) await mark.mutateAsync({ sessionId, entries });
      }
      setChanges({});
      await queryClient.invalidateQueries({ queryKey: api.programmes.pathKey() });
      setMessage({ ok: true, text: "Register saved" });
    } catch (error) {
      const info = errorInfo(error);
      setMessage({ ok: false, text: `The register could not be saved: ${info.code === "INTERNAL_SERVER_ERROR" ? "something went wrong on our side" : info.message}. Your marks are still on the screen.${info.requestId ? ` Reference ${info.requestId}.` : ""}` });
    }
  };
  if (sessions.length === 0) return <p className="govuk-body">No sessions are scheduled for this group yet.</p>;
  if (people.length === 0) return <p className="govuk-body" data-testid="completion-summary">{withdrawn.length ? `Everyone referred into this group has withdrawn (${withdrawn.map((e) => `${e.person.firstName} ${e.person.lastName}`).join(", ")}), so nobody is on the register.` : "Nobody has been referred into this group yet."}</p>;
  const summary = groupCompletionSummary(
    group.enrolments.map((e) => ({ status: e.status, attended: attendedCount(e.id) })),
    group.completionThreshold,
  );
  const showGrid = wide && view === "grid";
  // The session to show on its own: the one chosen, else the first not fully marked, else the last.
  const today = new Date().toISOString();
  const current =
    sessions.find((s) => s.id === chosen) ??
    sessions.find((s) => s.startsAt <= today && people.some((p) => value(s.id, p.id) === "")) ??
    sessions[sessions.length - 1]!;
  const completion = (enrolmentId: string) => (
    <>
      {attendedCount(enrolmentId)} of {sessions.length}
      {meetsCompletion({ status: people.find((x) => x.id === enrolmentId)?.status ?? "withdrawn", attended: attendedCount(enrolmentId) }, group.completionThreshold) ? (
        <>
          <br />
          <Tag colour="green">Meets threshold</Tag>
        </>
      ) : null}
    </>
  );
  return (
    <>
      {message ? message.ok ? <NotificationBanner type="success" heading={message.text} /> : <ErrorSummary errors={[]} description={message.text} /> : null}
      <p className="govuk-body">
        Key: ✓ Yes – attended; A Apols – absent with apologies; ✗ No – absent without notice; – not marked. Completion needs {group.completionThreshold} of {group.sessionsPlanned} sessions attended.
      </p>
      <p className="govuk-body" data-testid="completion-summary">
        {summary.onRegister} on the register; {summary.meetingThreshold} meet{summary.meetingThreshold === 1 ? "s" : ""} the completion rule; {summary.completed} recorded as completed
        {summary.withdrawn ? `; ${summary.withdrawn} withdrawn and not counted (${withdrawn.map((e) => `${e.person.firstName} ${e.person.lastName}`).join(", ")})` : ""}.
      </p>
      {wide ? (
        <p className="govuk-body">
          <button type="button" className="app-sort-button" onClick={() => setView(view === "grid" ? "session" : "grid")}>
            {view === "grid" ? "Show one session at a time" : "Show all sessions together"}
          </button>
        </p>
      ) : null}
      {showGrid ? (
        <ScrollRegion labelledBy="register-caption" testId="register-scroll">
          <table className="govuk-table app-register" data-testid="register">
            <caption id="register-caption" className="govuk-table__caption govuk-table__caption--s">Attendance at every session</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Person
                </th>
                {sessions.map((s) => (
                  <th scope="col" className="govuk-table__header" key={s.id}>
                    <span title={formatDateTime(s.startsAt)}>
                      <span className="govuk-visually-hidden">Session </span>
                      {s.number}
                    </span>
                    {canWrite ? (
                      <>
                        <br />
                        <button type="button" className="app-sort-button govuk-body-s" onClick={() => people.forEach((p) => set(s.id, p.id, "attended"))} aria-label={`Mark everyone attended at session ${s.number}`}>
                          All ✓
                        </button>
                      </>
                    ) : null}
                  </th>
                ))}
                <th scope="col" className="govuk-table__header">
                  Attended
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {people.map((p) => (
                <tr className="govuk-table__row" key={p.id}>
                  <th scope="row" className="govuk-table__header">
                    {p.person.firstName} {p.person.lastName}
                    <br />
                    <Tag colour={p.status === "completed" ? "green" : p.status === "withdrawn" ? "grey" : p.status === "started" ? "blue" : "yellow"}>{labelOf(ENROLMENT_STATUS_LABELS, p.status)}</Tag>
                  </th>
                  {sessions.map((s) => (
                    <td className="govuk-table__cell" key={s.id}>
                      {canWrite ? (
                        <select className="govuk-select" aria-label={`${p.person.firstName} ${p.person.lastName}, session ${s.number}`} value={value(s.id, p.id)} onChange={(e) => set(s.id, p.id, e.target.value as Mark | "")}>
                          {MARKS.map((m) => (
                            <option key={m.value} value={m.value}>
                              {m.short}
                              {m.label ? ` ${m.label}` : ""}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <span>{MARKS.find((m) => m.value === value(s.id, p.id))?.short ?? "–"}</span>
                      )}
                    </td>
                  ))}
                  <td className="govuk-table__cell">{completion(p.id)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : (
        <div data-testid="register-scroll">
          <nav aria-label="Choose a session" className="app-session-picker">
            {sessions.map((s) => {
              const unsaved = pending.some(([sid]) => sid === s.id);
              const marked = people.every((p) => value(s.id, p.id) !== "");
              return (
                <button
                  key={s.id}
                  type="button"
                  className={`govuk-button govuk-!-margin-bottom-2 ${s.id === current.id ? "" : "govuk-button--secondary"}`}
                  aria-pressed={s.id === current.id}
                  aria-label={`Session ${s.number}${marked ? ", marked" : ", not all marked"}${unsaved ? ", unsaved changes" : ""}`}
                  onClick={() => setChosen(s.id)}
                >
                  {s.number}
                  {unsaved ? "*" : marked ? " ✓" : ""}
                </button>
              );
            })}
          </nav>
          <ScrollRegion labelledBy="register-caption">
          <table className="govuk-table app-register-session" data-testid="register">
            <caption id="register-caption" className="govuk-table__caption govuk-table__caption--s">
              Session {current.number} – {formatDateTime(current.startsAt)}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Person
                </th>
                <th scope="col" className="govuk-table__header">
                  Attendance{" "}
                  {canWrite ? (
                    <button type="button" className="app-sort-button govuk-body-s" onClick={() => people.forEach((p) => set(current.id, p.id, "attended"))} aria-label={`Mark everyone attended at session ${current.number}`}>
                      All ✓
                    </button>
                  ) : null}
                </th>
                <th scope="col" className="govuk-table__header">
                  Attended
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {people.map((p) => (
                <tr className="govuk-table__row" key={p.id}>
                  <th scope="row" className="govuk-table__header">
                    {p.person.firstName} {p.person.lastName}
                  </th>
                  <td className="govuk-table__cell">
                    {canWrite ? (
                      <select className="govuk-select" aria-label={`${p.person.firstName} ${p.person.lastName}, session ${current.number}`} value={value(current.id, p.id)} onChange={(e) => set(current.id, p.id, e.target.value as Mark | "")}>
                        {MARKS.map((m) => (
                          <option key={m.value} value={m.value}>
                            {m.value === "" ? "– Not marked" : `${m.short} ${m.label}`}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span>{MARKS.find((m) => m.value === value(current.id, p.id))?.label || "Not marked"}</span>
                    )}
                  </td>
                  <td className="govuk-table__cell">{completion(p.id)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </ScrollRegion>
        </div>
      )}
      {canWrite ? (
        <div className="govuk-button-group">
          <Button onClick={() => void save()} disabled={pending.length === 0 || mark.isPending}>
            Save register{pending.length ? ` (${pending.length} session${pending.length === 1 ? "" : "s"} changed)` : ""}
          </Button>
          {pending.length ? (
            <Button variant="secondary" onClick={() => setChanges({})}>
              Undo unsaved marks
            </Button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

/** The checks stored with a referral, in plain words. */
function SafetyChecks({ checks }: { checks: GroupEnrolmentRow["safetyChecks"] }) {
  if (!checks) return <span className="govuk-hint govuk-!-margin-bottom-0">Not recorded</span>;
  const yes = (b: boolean) => (b ? "yes" : "no");
  return checks.track === "victims" ? (
    <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-0">
      <li>Perpetrator absent: {yes(checks.perpetratorAbsent)}</li>
      <li>Travel: {checks.travel}</li>
      <li>Safe to contact: {checks.safeToContact ? "yes" : "no, in person only"}</li>
    </ul>
  ) : (
    <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-0">
      <li>Partner offered support: {yes(checks.partnerOfferedSupport)}</li>
      <li>Risk assessed: {yes(checks.riskAssessed)}</li>
    </ul>
  );
}

function Completion({ group, canWrite }: { group: Group; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const update = useMutation(api.programmes.enrolments.update.mutationOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const setStatus = async (e: Group["enrolments"][number], status: "started" | "completed") => {
    setProblem(null);
    const today = new Date().toISOString().slice(0, 10);
    try {
      await update.mutateAsync({ id: e.id, version: e.version, patch: status === "completed" ? { status, completedAt: today } : { status, startedAt: today } });
      await queryClient.invalidateQueries({ queryKey: api.programmes.pathKey() });
    } catch (error) {
      const info = errorInfo(error);
      setProblem(info.code === "CONFLICT" ? "Someone else changed this enrolment; the page has been refreshed, try again." : info.message);
      await queryClient.invalidateQueries({ queryKey: api.programmes.pathKey() });
    }
  };
  return (
    <>
      {problem ? <ErrorSummary errors={[]} description={problem} /> : null}
      {done ? <NotificationBanner type="success" heading={done} /> : null}
      <ScrollRegion labelledBy="enrolments-caption">
      <table className="govuk-table">
        <caption id="enrolments-caption" className="govuk-table__caption govuk-table__caption--s">Referral, start and completion</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {["Person", "Referred", "Safety checks at referral", "Started", "Completed", "Status", ...(canWrite ? ["Action"] : [])].map((h) => (
              <th key={h} scope="col" className="govuk-table__header">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {group.enrolments.map((e) => (
            <tr className="govuk-table__row" key={e.id}>
              <td className="govuk-table__cell">
                {e.person.firstName} {e.person.lastName}
              </td>
              <td className="govuk-table__cell">{formatDay(e.referredAt)}</td>
              <td className="govuk-table__cell" data-testid="safety-checks">
                <SafetyChecks checks={e.safetyChecks} />
              </td>
              <td className="govuk-table__cell">{e.startedAt ? formatDay(e.startedAt) : "Not started"}</td>
              <td className="govuk-table__cell">{e.completedAt ? formatDay(e.completedAt) : "–"}</td>
              <td className="govuk-table__cell">
                {e.status === "withdrawn" ? `Withdrawn ${formatDay(e.withdrawnAt)}${e.withdrawalReason ? `: ${e.withdrawalReason}` : ""}` : <Tag colour={e.status === "completed" ? "green" : "blue"}>{labelOf(ENROLMENT_STATUS_LABELS, e.status)}</Tag>}
              </td>
              {canWrite ? (
                <td className="govuk-table__cell">
                  {e.status === "referred" ? (
                    <button type="button" className="app-sort-button" onClick={() => void setStatus(e, "started")}>
                      Mark started<span className="govuk-visually-hidden"> for {e.person.firstName}</span>
                    </button>
                  ) : e.status === "started" ? (
                    <button type="button" className="app-sort-button" onClick={() => void setStatus(e, "completed")}>
                      Mark completed<span className="govuk-visually-hidden"> for {e.person.firstName}</span>
                    </button>
                  ) : null}
                  {e.status === "referred" || e.status === "started" ? (
                    <>
                      <br />
                      <button type="button" className="app-sort-button" aria-expanded={withdrawing === e.id} onClick={() => setWithdrawing(withdrawing === e.id ? null : e.id)}>
                        Withdraw<span className="govuk-visually-hidden"> {e.person.firstName} {e.person.lastName}</span>
                      </button>
                    </>
                  ) : e.status === "withdrawn" ? (
                    <ReinstateButton
                      e={e}
                      onDone={(text, ok) => {
                        setDone(ok ? text : null);
                        setProblem(ok ? null : text);
                      }}
                    />
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      </ScrollRegion>
      {(() => {
        const e = group.enrolments.find((x) => x.id === withdrawing && (x.status === "referred" || x.status === "started"));
        return e ? (
          <WithdrawForm
            key={e.id}
            e={e}
            onDone={(text) => {
              setWithdrawing(null);
              setDone(text);
              setProblem(null);
            }}
          />
        ) : null;
      })()}
    </>
  );
}

function ScheduleSessions({ group }: { group: Group }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const existing = new Set(group.sessions.map((s) => s.number));
  const missing = Array.from({ length: group.sessionsPlanned }, (_, i) => i + 1).filter((n) => !existing.has(n));
  if (missing.length === 0) return null;
  const run = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const start = Date.parse(`${group.startDate}T${group.slot === "evening" ? "18:00" : "10:00"}:00Z`);
      for (const n of missing) {
        await client.programmes.sessions.create.mutate({ groupId: group.id, number: n, startsAt: new Date(start + (n - 1) * 7 * 86_400_000).toISOString(), durationMinutes: 120 });
      }
      await queryClient.invalidateQueries({ queryKey: api.programmes.pathKey() });
    } catch (error) {
      setProblem(errorInfo(error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {problem ? <ErrorSummary errors={[]} description={problem} /> : null}
      <p className="govuk-body">
        {missing.length} of {group.sessionsPlanned} sessions are not scheduled yet.
      </p>
      <Button variant="secondary" onClick={() => void run()} disabled={busy}>
        Schedule sessions {missing[0]} to {missing[missing.length - 1]} weekly from {formatDay(group.startDate)}
      </Button>
    </>
  );
}

export default function GroupPage() {
  const { id = "" } = useParams();
  const auth = useAuth();
  const q = useQuery(api.programmes.groups.get.queryOptions({ id }));
  if (q.isPending) return <Loading what="Loading the group" />;
  if (q.isError) {
    return (
      <Page title="Group">
        <QueryError error={q.error} what="This group" />
      </Page>
    );
  }
  const g = q.data as unknown as GroupDetail;
  const canWrite = auth.can("register:write");
  return (
    <Page title={g.name} caption={trackLabel(g.track)}>
      <SummaryList
        rows={[
          { key: "Track", value: <Tag colour={g.track === "victims" ? "purple" : "orange"}>{trackLabel(g.track)}</Tag> },
          { key: "Language", value: g.language },
          { key: "Time", value: g.slot === "evening" ? "Evening" : "Day" },
          { key: "Childcare", value: g.childcare ? "Provided" : "Not provided" },
          { key: "Venue", value: g.venue },
          { key: "Starts", value: formatDay(g.startDate) },
          { key: "Sessions", value: `${g.sessionsPlanned} planned; completion needs ${g.completionThreshold}` },
          { key: "Places", value: g.capacity ? `${g.enrolments.filter((e) => e.status !== "withdrawn").length} of ${g.capacity} taken` : `${g.enrolments.length} referred` },
        ]}
      />
      {g.track === "perpetrators" ? (
        <WarningText>Perpetrators&apos; group: victims&apos; addresses and contact details are never shown to staff working with this group.</WarningText>
      ) : null}
      <h2 className="govuk-heading-m">Register</h2>
      {auth.can("programmes:write") ? <ScheduleSessions group={g} /> : null}
      <Register group={g} canWrite={canWrite} />
      <h2 className="govuk-heading-m">Completion</h2>
      {g.enrolments.length === 0 ? <p className="govuk-body">Nobody has been referred yet.</p> : <Completion group={g} canWrite={auth.can("programmes:write")} />}
      {auth.can("enrolments:refer") ? (
        <Details summary="Refer someone into this group">
          <ReferIntoGroup group={g} />
        </Details>
      ) : null}
    </Page>
  );
}
