/**
 * One survey: its questions, waves with response rates (overall and per
 * team), starting a wave (invitations by notification and email), reminders,
 * results per wave and the change between two waves — each under the
 * anonymity threshold.
 */
import { Button, DateInput, Details, ErrorSummary, Input, NotificationBanner, Select, Table, Tag, WarningText, type SummaryError } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDay } from "../../lib/format.js";
import { saveProblem } from "../../lib/record-form.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type Survey = RouterOutputs["surveys"]["get"];
const pct = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)}%`);

function StartWave({ surveyId, onDone }: { surveyId: string; onDone: (t: string) => void }) {
  const queryClient = useQueryClient();
  const create = useMutation(api.surveys.waves.create.mutationOptions());
  const [name, setName] = useState("");
  const [opensOn, setOpensOn] = useState("");
  const [closesOn, setClosesOn] = useState("");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const err = (id: string) => errors.find((e) => e.href === id)?.text;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const found: SummaryError[] = [];
    if (!name.trim()) found.push({ href: "wave-name", text: "Enter a name for the wave" });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(opensOn)) found.push({ href: "wave-opens", text: "Enter the opening date, for example 1 10 2026" });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(closesOn)) found.push({ href: "wave-closes", text: "Enter the closing date, for example 31 10 2026" });
    else if (opensOn && closesOn < opensOn) found.push({ href: "wave-closes", text: "The closing date must be on or after the opening date" });
    setErrors(found);
    if (found.length) return;
    try {
      const w = await create.mutateAsync({ surveyId, name: name.trim(), opensOn, closesOn });
      await queryClient.invalidateQueries({ queryKey: api.surveys.pathKey() });
      onDone(`${w.invited} people invited to ${w.name} (${w.notifications} notifications, ${w.emails} emails)`);
      setName("");
    } catch (error) {
      const info = errorInfo(error);
      const mapped = info.fieldErrors.map((f) => ({ href: f.path === "closesOn" ? "wave-closes" : f.path === "opensOn" ? "wave-opens" : "wave-name", text: f.message }));
      if (mapped.length) setErrors(mapped);
      else setProblem(saveProblem(error));
    }
  };
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="start-wave">
      <h2 className="govuk-heading-m" id="start-wave">
        Start a wave
      </h2>
      <p className="govuk-body">Everyone on the staff list in post on the opening day is invited, by a notification in Evident and by email.</p>
      <ErrorSummary errors={errors} description={problem ?? undefined} />
      <Input id="wave-name" label="Name of the wave" hint="For example: Autumn 2026" value={name} onChange={(e) => setName(e.target.value)} error={err("wave-name")} />
      <DateInput id="wave-opens" legend="Opens on" value={opensOn} onChange={setOpensOn} error={err("wave-opens")} />
      <DateInput id="wave-closes" legend="Closes on" value={closesOn} onChange={setClosesOn} error={err("wave-closes")} />
      <Button type="submit" disabled={create.isPending}>
        Start the wave and send invitations
      </Button>
    </form>
  );
}

function Compare({ s }: { s: Survey }) {
  const [from, setFrom] = useState(s.waves[0]?.id ?? "");
  const [to, setTo] = useState(s.waves[1]?.id ?? "");
  const q = useQuery({ ...api.surveys.compare.queryOptions({ fromWaveId: from, toWaveId: to }), enabled: !!from && !!to && from !== to });
  const options = s.waves.map((w) => ({ value: w.id, label: w.name }));
  return (
    <section aria-labelledby="compare-heading">
      <h2 className="govuk-heading-m" id="compare-heading">
        Change between waves
      </h2>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <Select id="cmp-from" label="From" value={from} onChange={(e) => setFrom(e.target.value)} options={options} />
        </div>
        <div className="govuk-grid-column-one-half">
          <Select id="cmp-to" label="To" value={to} onChange={(e) => setTo(e.target.value)} options={options} />
        </div>
      </div>
      {from === to ? (
        <p className="govuk-body">Choose two different waves.</p>
      ) : q.isPending ? (
        <Loading what="Comparing" />
      ) : q.isError ? (
        <QueryError error={q.error} what="The comparison" />
      ) : (
        <Table
          caption="Agreement questions: mean (1 strongly disagree – 5 strongly agree) and share agreeing"
          captionSize="s"
          firstCellIsHeader
          rows={q.data.changes}
          rowKey={(c) => c.questionId}
          columns={[
            { header: "Question", cell: (c) => q.data.questions.find((x) => x.id === c.questionId)?.text ?? c.questionId },
            { header: "From", cell: (c) => (c.from.mean === null ? `${c.from.n} responses: hidden` : `${c.from.mean.toFixed(2)} · ${pct(c.from.agree)} agree (n=${c.from.n})`) },
            { header: "To", cell: (c) => (c.to.mean === null ? `${c.to.n} responses: hidden` : `${c.to.mean.toFixed(2)} · ${pct(c.to.agree)} agree (n=${c.to.n})`) },
            { header: "Change", cell: (c) => (c.meanChange === null ? "Not shown: a wave has fewer than 5 responses" : `${c.meanChange > 0 ? "+" : ""}${c.meanChange.toFixed(2)} · ${c.agreeChangePoints! > 0 ? "+" : ""}${c.agreeChangePoints} points`) },
          ]}
        />
      )}
    </section>
  );
}

export default function SurveyPage() {
  const { id = "" } = useParams();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const q = useQuery(api.surveys.get.queryOptions({ id }));
  const remind = useMutation(api.surveys.waves.remind.mutationOptions());
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const doRemind = async (waveId: string) => {
    setProblem(null);
    try {
      const r = await remind.mutateAsync({ waveId });
      await queryClient.invalidateQueries({ queryKey: api.surveys.pathKey() });
      setSaved(`${r.reminded} people reminded`);
    } catch (error) {
      setProblem(errorInfo(error).message);
    }
  };
  return (
    <Page title={q.data?.name ?? "Survey"} caption="Staff and partner survey">
      <p className="govuk-body">
        <Link className="govuk-link" to="/surveys">
          Back to surveys
        </Link>
      </p>
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      {problem ? <ErrorSummary errors={[]} description={problem} /> : null}
      {q.isPending ? (
        <Loading what="Loading the survey" />
      ) : q.isError ? (
        <QueryError error={q.error} what="The survey" />
      ) : (
        <>
          <p className="govuk-body">{q.data.description}</p>
          <Details summary={`Questions (${q.data.questions.length})`}>
            <ol className="govuk-list govuk-list--number">
              {q.data.questions.map((x) => (
                <li key={x.id}>{x.text}</li>
              ))}
            </ol>
          </Details>
          <h2 className="govuk-heading-m">Waves</h2>
          {q.data.waves.length ? (
            <Table
              caption="Waves and response rates"
              captionSize="s"
              rows={q.data.waves}
              rowKey={(w) => w.id}
              columns={[
                { header: "Wave", cell: (w) => <Link className="govuk-link" to={`/surveys/waves/${w.id}`}>{w.name}</Link> },
                { header: "Open", cell: (w) => `${formatDay(w.opensOn)} to ${formatDay(w.closesOn)}` },
                { header: "Status", cell: (w) => <Tag colour={w.state === "open" ? "green" : "grey"}>{w.state === "open" ? "Open" : w.state === "closed" ? "Closed" : "Not open yet"}</Tag> },
                { header: "Responses", cell: (w) => `${w.rates[0]?.responded ?? 0} of ${w.rates[0]?.invited ?? 0} (${pct(w.rates[0]?.rate ?? null)})` },
                {
                  header: "Reminders",
                  cell: (w) =>
                    w.state === "open" && auth.can("surveys:write") ? (
                      <Button variant="secondary" className="govuk-!-margin-bottom-0" onClick={() => void doRemind(w.id)} disabled={remind.isPending}>
                        {`Remind those who have not answered`}
                      </Button>
                    ) : (
                      "–"
                    ),
                },
              ]}
            />
          ) : (
            <p className="govuk-body">No waves yet.</p>
          )}
          {q.data.waves.map((w) => (
            <Details key={w.id} summary={`Response rate by team: ${w.name}`}>
              <Table caption={`Response rate by team, ${w.name}`} captionSize="s" firstCellIsHeader rows={w.rates.slice(1)} rowKey={(r) => r.key} columns={[{ header: "Team", cell: (r) => r.key }, { header: "Invited", cell: (r) => r.invited, numeric: true }, { header: "Answered", cell: (r) => r.responded, numeric: true }, { header: "Rate", cell: (r) => pct(r.rate), numeric: true }]} />
            </Details>
          ))}
          {q.data.waves.some((w) => (w.rates[0]?.responded ?? 0) < q.data.minGroup) ? <WarningText>Some waves have fewer than {q.data.minGroup} responses: their results are not shown.</WarningText> : null}
          {q.data.waves.length >= 2 ? <Compare s={q.data} /> : null}
          {auth.can("surveys:write") ? <StartWave surveyId={q.data.id} onDone={setSaved} /> : null}
        </>
      )}
    </Page>
  );
}
