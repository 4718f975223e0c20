/**
 * A person's questionnaires (worker view): scores at entry, interim, exit
 * and follow-up with the change from entry (table and a small chart), a
 * form to record a response, and the hand-over to the participant view in
 * the language chosen from their record (questionnaires.offer).
 * Links from an enrolment or hub case pass ?enrolment= or ?hubCase= so the
 * response is linked to it.
 */
import { Button, CHART_TOOLTIP, chartLine, DateInput, DraftOfferBanner, ErrorSummary, NotificationBanner, Radios, Select, Table, useDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { formatDay } from "../../lib/format.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";
import { takeUnlockedMessage } from "./handover.js";
import { LANGUAGE_LABEL, TIME_POINT_LABEL } from "./labels.js";

type Instrument = RouterOutputs["questionnaires"]["instruments"]["list"]["items"][number];
type Item = { id: string; text: string; options: { value: number; label: string }[] };

const TIME_POINTS = ["entry", "interim", "exit", "follow_up"] as const;

function ScoreTables({ personId }: { personId: string }) {
  const change = useQuery(api.questionnaires.change.queryOptions({ personId }));
  const responses = useQuery(api.questionnaires.responses.list.queryOptions({ personId, limit: 100 }));
  if (change.isPending || responses.isPending) return <Loading what="Loading scores" />;
  if (change.isError) return <QueryError error={change.error} what="Scores" />;
  if (responses.isError) return <QueryError error={responses.error} what="Responses" />;
  if (change.data.changes.length === 0) return <p className="govuk-body">No questionnaires have been recorded for this person yet.</p>;
  const byId = new Map(responses.data.items.map((r) => [r.id, r]));
  return (
    <>
      {change.data.changes.map((c) => {
        const instrument = change.data.instruments.find((i) => i.id === c.instrumentId);
        const name = instrument?.name ?? "Questionnaire";
        return (
          <section key={c.instrumentId} aria-label={`${name}: scores`} data-testid={`scores-${instrument?.code ?? c.instrumentId}`}>
            <Table
              caption={name}
              captionSize="s"
              rows={c.points}
              rowKey={(p) => p.responseId}
              columns={[
                { header: "Time point", cell: (p) => TIME_POINT_LABEL[p.timePoint] ?? p.timePoint },
                { header: "Completed", cell: (p) => formatDay(byId.get(p.responseId)?.completedAt?.slice(0, 10)) },
                { header: "Answered in", cell: (p) => LANGUAGE_LABEL[(byId.get(p.responseId) as { language?: string } | undefined)?.language ?? "en"] ?? "" },
                { header: "Score", numeric: true, cell: (p) => <span data-testid={`score-${p.timePoint}`}>{p.score}</span> },
                { header: "Change from entry", numeric: true, cell: (p) => (p.change === null ? "–" : `${p.change > 0 ? "+" : ""}${p.change}${p.improved === true ? " (better)" : p.improved === false && p.change !== 0 ? " (worse)" : ""}`) },
              ]}
            />
            {c.points.length > 1 ? (
              <figure className="govuk-!-margin-0 govuk-!-margin-bottom-6" aria-label={`Chart of ${name} scores by time point; the numbers are in the table above`}>
                <div style={{ width: "100%", maxWidth: 520, height: 200 }}>
                  <ResponsiveContainer>
                    <LineChart data={c.points.map((p) => ({ label: TIME_POINT_LABEL[p.timePoint], score: p.score }))} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="label" />
                      <YAxis allowDecimals={false} domain={[0, (max: number) => Math.ceil(max * 1.25)]} />
                      <Tooltip {...CHART_TOOLTIP} />
                      <Legend />
                      <Line {...chartLine(c.points.map((p) => p.score))} dataKey="score" name="Score" stroke="#1d70b8" strokeWidth={3} />
                    </LineChart>
                  </ResponsiveContainer>
                </div>
              </figure>
            ) : null}
          </section>
        );
      })}
    </>
  );
}

function RecordForm({ personId, instrument, links }: { personId: string; instrument: Instrument; links: { enrolmentId?: string; hubCaseId?: string } }) {
  const queryClient = useQueryClient();
  const create = useMutation(api.questionnaires.responses.create.mutationOptions());
  const draftKey = `questionnaire:${personId}:${instrument.id}`;
  const today = new Date().toISOString().slice(0, 10);
  const [timePoint, setTimePoint] = useState("");
  const [date, setDate] = useState(today);
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [errors, setErrors] = useState<{ href: string; text: string }[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const changed = timePoint !== "" || date !== today || Object.keys(answers).length > 0;
  const draft = useDraft<{ timePoint: string; date: string; answers: Record<string, number> }>(draftKey, {
    changed,
    restore: (d) => {
      setTimePoint(d.timePoint);
      setDate(d.date);
      setAnswers(d.answers);
      setRound((n) => n + 1);
    },
  });
  const { keep } = draft;
  useEffect(() => {
    if (changed) keep({ timePoint, date, answers });
  }, [timePoint, date, answers, changed, keep]);
  // The radios are uncontrolled: a restored draft is ticked on the fresh set (`round`).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const tick = (name: string, value: string) => {
      const input = formRef.current?.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
      if (input) input.checked = true;
    };
    if (timePoint) tick("timePoint", timePoint);
    for (const [id, value] of Object.entries(answers)) tick(`answer-${id}`, String(value));
    // Only when the set of radios is new (after a restore), not on every answer.
  }, [round]);
  const items = instrument.items as unknown as Item[];
  const submit = async () => {
    setDone(null);
    const problems: { href: string; text: string }[] = [];
    if (!timePoint) problems.push({ href: "timePoint", text: "Select the time point" });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > today) problems.push({ href: "completedAt", text: "Enter the date it was completed, today or earlier" });
    const missing = items.filter((i) => answers[i.id] === undefined);
    const maxMissing = (instrument.scoring as { maxMissing?: number }).maxMissing ?? 0;
    if (missing.length > maxMissing) problems.push({ href: `answer-${missing[0]!.id}`, text: `Answer every question (${missing.length} unanswered${maxMissing ? `; at most ${maxMissing} may be left` : ""})` });
    setErrors(problems);
    if (problems.length) return;
    try {
      const r = await create.mutateAsync({ personId, instrumentId: instrument.id, timePoint: timePoint as (typeof TIME_POINTS)[number], completedAt: `${date}T00:00:00.000Z`, answers, language: "en", ...links });
      draft.saved();
      setAnswers({});
      setTimePoint("");
      setRound((n) => n + 1);
      setDone(`Saved: ${TIME_POINT_LABEL[timePoint]} score ${r.score}${r.band ? ` (${r.band})` : ""}.`);
      await queryClient.invalidateQueries({ queryKey: api.questionnaires.pathKey() });
    } catch (error) {
      draft.keepNow({ timePoint, date, answers });
      const info = errorInfo(error);
      setErrors([{ href: "timePoint", text: info.fieldErrors.length ? info.fieldErrors.map((f) => `${f.path}: ${f.message}`).join("; ") : info.message }]);
    }
  };
  return (
    <form
      ref={formRef}
      noValidate
      aria-label="Record a response"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 className="govuk-heading-m">Record a response: {instrument.name}</h2>
      <p className="govuk-body">For a worker going through the questions in English with the person. To let them answer in their own language, hand over the tablet instead.</p>
      {done ? <NotificationBanner type="success" heading={done} /> : null}
      <ErrorSummary errors={errors} />
      <DraftOfferBanner offer={draft.offer} />
      <div key={round}>
      <Radios id="timePoint" legend="Time point" inline items={TIME_POINTS.map((tp) => ({ value: tp, label: TIME_POINT_LABEL[tp] }))} error={errors.find((e) => e.href === "timePoint")?.text} inputProps={{ name: "timePoint", onChange: (e) => setTimePoint(e.target.value) }} />
      <DateInput id="completedAt" legend="Date completed" value={date} onChange={setDate} error={errors.find((e) => e.href === "completedAt")?.text} />
      {items.map((item, n) => (
        <Radios
          key={item.id}
          id={`answer-${item.id}`}
          legend={`${n + 1}. ${item.text}`}
          legendSize="s"
          small
          inline
          items={item.options.map((o) => ({ value: String(o.value), label: o.label }))}
          inputProps={{ name: `answer-${item.id}`, onChange: (e) => setAnswers((a) => ({ ...a, [item.id]: Number(e.target.value) })) }}
        />
      ))}
      </div>
      <Button type="submit" disabled={create.isPending}>
        Save response
      </Button>
    </form>
  );
}

export default function PersonQuestionnairesPage() {
  const { personId = "" } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const links = { ...(search.get("enrolment") ? { enrolmentId: search.get("enrolment")! } : {}), ...(search.get("hubCase") ? { hubCaseId: search.get("hubCase")! } : {}) };
  const person = useQuery(api.people.get.queryOptions({ id: personId }));
  const instruments = useQuery(api.questionnaires.instruments.list.queryOptions({}));
  const [instrumentId, setInstrumentId] = useState(search.get("instrument") ?? "");
  const chosen = useMemo(() => instruments.data?.items.find((i) => i.id === instrumentId) ?? instruments.data?.items[0] ?? null, [instruments.data, instrumentId]);
  const offer = useQuery({ ...api.questionnaires.offer.queryOptions({ personId, instrumentId: chosen?.id ?? "" }), enabled: !!chosen });
  const [language, setLanguage] = useState<string | null>(null);
  // Back from a hand-over: what the participant saved.
  const [unlocked] = useState(takeUnlockedMessage);
  if (person.isPending || instruments.isPending) return <Loading what="Loading questionnaires" />;
  if (person.isError) return <QueryError error={person.error} what="The person" />;
  if (instruments.isError) return <QueryError error={instruments.error} what="Questionnaires" />;
  const p = person.data as { firstName: string; lastName: string; firstLanguage?: string | null; interpreterNeeded?: boolean };
  const lang = language ?? offer.data?.language ?? "en";
  const query = new URLSearchParams({ instrument: chosen?.id ?? "", lang, ...(links.enrolmentId ? { enrolment: links.enrolmentId } : {}), ...(links.hubCaseId ? { hubCase: links.hubCaseId } : {}) });
  return (
    <Page title={`Questionnaires: ${p.firstName} ${p.lastName}`} caption="Entry, interim, exit and follow-up">
      {unlocked ? <NotificationBanner type="success" heading={unlocked} /> : null}
      <p className="govuk-body">
        First language: {p.firstLanguage ?? "not recorded"}
        {p.interpreterNeeded ? "; needs an interpreter" : ""}.
      </p>
      <h2 className="govuk-heading-m">Scores and change</h2>
      <ScoreTables personId={personId} />
      {instruments.data.items.length === 0 ? (
        <p className="govuk-body">No questionnaires are in use.</p>
      ) : (
        <>
          <Select id="instrument" label="Questionnaire" value={chosen?.id ?? ""} onChange={(e) => (setInstrumentId(e.target.value), setLanguage(null))} options={instruments.data.items.map((i) => ({ value: i.id, label: i.name }))} />
          {offer.isError ? <QueryError error={offer.error} what="The language choice" /> : null}
          {offer.data ? (
            <div className="govuk-inset-text" data-testid="language-choice">
              <p className="govuk-body">
                <strong>Language offered: {LANGUAGE_LABEL[offer.data.choice.language]}.</strong> {offer.data.choice.reason}
              </p>
              {offer.data.choice.interpreter ? <p className="govuk-body govuk-!-font-weight-bold">Arrange an interpreter to go through it with them.</p> : null}
            </div>
          ) : null}
          <Select
            id="language"
            label="Language for the participant"
            hint="Translations are machine-assisted drafts, to be checked by a qualified translator; anything untranslated is shown in English and marked."
            value={lang}
            onChange={(e) => setLanguage(e.target.value)}
            options={["en", "ar", "ur", "pl"].map((l) => ({ value: l, label: LANGUAGE_LABEL[l]! }))}
          />
          <div className="govuk-button-group">
            {TIME_POINTS.map((tp) => (
              <Button key={tp} variant="secondary" onClick={() => void navigate(`/people/${personId}/questionnaires/answer?${query.toString()}&timePoint=${tp}`)}>
                Hand over for {TIME_POINT_LABEL[tp]!.toLowerCase()}
              </Button>
            ))}
          </div>
          {chosen ? <RecordForm key={chosen.id} personId={personId} instrument={chosen} links={links} /> : null}
        </>
      )}
      <p className="govuk-body govuk-!-margin-top-6">
        <Link className="govuk-link" to="/questionnaires">
          Questionnaires and translations
        </Link>
      </p>
    </Page>
  );
}
