/**
 * An audit round: its sample and progress, the moderation view (agreement
 * between the two auditors per question and overall, percentage and Cohen's
 * kappa, and the disagreements to settle) and the report: the share of case
 * files with at least partial evidence per question and period, as a chart
 * with the numbers in a table below it, and the small-number cautions.
 */
import { smallNumberCaution } from "@evident/core";
import { Button, ErrorSummary, Input, InsetText, NotificationBanner, Select, Table, Tag, Textarea, WarningText } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { saveProblem } from "../../lib/record-form.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";
import { ANSWER_LABEL, pct, periodLabel, SCALE_OPTIONS } from "./shared.js";

type Report = RouterOutputs["audits"]["rounds"]["report"];
type Moderation = RouterOutputs["audits"]["rounds"]["moderation"];
type Round = RouterOutputs["audits"]["rounds"]["get"];

const COLOURS = ["#505a5f", "#1d70b8", "#00703c", "#6f72af"];
const share = (s: { positive: number; n: number }) => (s.n === 0 ? "no case files" : `${s.positive} of ${s.n} (${Math.round((s.positive / s.n) * 100)}%)`);

function ReportChart({ r }: { r: Report }) {
  return (
    <figure className="govuk-!-margin-0 govuk-!-margin-bottom-6" aria-labelledby="report-chart-caption">
      <figcaption id="report-chart-caption" className="govuk-body-s">
        Share of case files with at least partial evidence, by question and period. <a className="govuk-link" href="#report-table">The numbers are in the table below.</a>
      </figcaption>
      <div aria-hidden="true">
        <p className="govuk-body-s">
          {r.periods.map((p, i) => (
            <span key={p} style={{ marginRight: 16 }}>
              <span style={{ display: "inline-block", width: 12, height: 12, background: COLOURS[i % COLOURS.length], marginRight: 4 }} />
              {periodLabel(p)}
            </span>
          ))}
        </p>
        {r.questions.map((q) => (
          <div key={q.questionId} className="govuk-!-margin-bottom-3">
            <div className="govuk-body-s govuk-!-margin-bottom-1">{q.text}</div>
            {q.byPeriod.map((s, i) => (
              <div key={s.period} style={{ display: "flex", alignItems: "center", gap: 8 }}>
                <div style={{ flex: "0 0 60%", background: "#f3f2f1", height: 14 }}>
                  <div style={{ width: `${(s.share ?? 0) * 100}%`, background: COLOURS[i % COLOURS.length], height: 14 }} />
                </div>
                <span className="govuk-body-s govuk-!-margin-0">{share(s)}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
    </figure>
  );
}

function ReportSection({ roundId }: { roundId: string }) {
  const q = useQuery(api.audits.rounds.report.queryOptions({ roundId }));
  if (q.isPending) return <Loading what="Loading the report" />;
  if (q.isError) return <QueryError error={q.error} what="The round report" />;
  const r = q.data;
  const cautions = [...new Set(r.questions.flatMap((x) => x.byPeriod.map((s) => s.caution).filter((c): c is string => !!c)))];
  return (
    <section aria-labelledby="report-heading">
      <h2 className="govuk-heading-l" id="report-heading">
        Report {r.status === "closed" ? <Tag colour="grey">Closed</Tag> : <Tag colour="blue">Open</Tag>}
      </h2>
      {r.status === "closed" ? <InsetText>This round is closed: its findings and moderation are final, and no case files can be added.</InsetText> : <p className="govuk-body">This round is open: findings may still change until it is closed.</p>}
      <p className="govuk-body">
        {r.submitted} of {r.cases} case files have at least one submitted finding. {r.periods.map((p) => `${periodLabel(p)}: ${r.caseCounts[p] ?? 0} case files`).join("; ")}.
      </p>
      <InsetText>{r.rule}</InsetText>
      {cautions.length ? (
        <WarningText>
          Small numbers: {r.periods.map((p) => `${r.caseCounts[p] ?? 0} ${p}`).join(", ")} case files. Treat these shares with caution; a single case file moves a share by several percentage points.
        </WarningText>
      ) : null}
      <ReportChart r={r} />
      <div id="report-table">
        <Table
          caption="Case files with at least partial evidence"
          captionSize="m"
          firstCellIsHeader
          rows={r.questions}
          rowKey={(x) => x.questionId}
          columns={[
            { header: "Question", cell: (x) => x.text },
            ...r.periods.map((p, i) => {
              const headerCaution = smallNumberCaution(r.caseCounts[p] ?? 0);
              return {
                header: (
                  <>
                    {`${periodLabel(p)} (${r.caseCounts[p] ?? 0} case files)`}
                    {headerCaution ? <span className="govuk-hint govuk-!-font-size-14 govuk-!-display-block govuk-!-margin-0 govuk-!-font-weight-regular">{headerCaution}</span> : null}
                  </>
                ),
                key: p,
                cell: (x: Report["questions"][number]) => {
                  const s = x.byPeriod[i]!;
                  // A question's own caution only when fewer files answered it than the period holds (not applicable, not yet answered).
                  return (
                    <>
                      {share(s)}
                      {s.caution && s.n !== (r.caseCounts[p] ?? 0) ? <span className="govuk-hint govuk-!-font-size-14 govuk-!-display-block govuk-!-margin-0">{s.caution}</span> : null}
                    </>
                  );
                },
              };
            }),
            { header: "Change", cell: (x) => (x.changes.length ? x.changes.map((c) => `${c.points > 0 ? "+" : ""}${c.points} points`).join("; ") : "–") },
          ]}
        />
      </div>
    </section>
  );
}

function ModerateCase({ d, scaleOf, textOf, onDone }: { d: Moderation["disagreements"][number]; scaleOf: (q: string) => string; textOf: (q: string) => string; onDone: (t: string) => void }) {
  const queryClient = useQueryClient();
  const moderate = useMutation(api.audits.cases.moderate.mutationOptions());
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(d.items.map((i) => [i.questionId, i.moderated ?? ""])));
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const answers = Object.fromEntries(Object.entries(values).filter(([, v]) => v));
    if (!Object.keys(answers).length) {
      setProblem("Choose the agreed answer for at least one question");
      return;
    }
    try {
      await moderate.mutateAsync({ caseId: d.caseId, version: d.version, answers });
      await queryClient.invalidateQueries({ queryKey: api.audits.pathKey() });
      onDone(`Moderated answers saved for case file ${d.familyReference}`);
    } catch (error) {
      const info = errorInfo(error);
      setProblem(info.code === "CONFLICT" ? "Someone else moderated this case file meanwhile; the page now shows what they saved." : saveProblem(error));
      if (info.code === "CONFLICT") await queryClient.invalidateQueries({ queryKey: api.audits.pathKey() });
    }
  };
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label={`Moderate case file ${d.familyReference}`} className="govuk-!-margin-bottom-6">
      <h3 className="govuk-heading-s">{`Case file ${d.familyReference} (${periodLabel(d.period)})`}</h3>
      <ErrorSummary errors={[]} description={problem ?? undefined} />
      {d.items.map((i) => (
        <Select
          key={i.questionId}
          id={`mod-${d.caseId}-${i.questionId}`}
          label={`${textOf(i.questionId)} First auditor: ${ANSWER_LABEL[i.first]}; second auditor: ${ANSWER_LABEL[i.second]}.`}
          value={values[i.questionId] ?? ""}
          onChange={(e) => setValues((v) => ({ ...v, [i.questionId]: e.target.value }))}
          options={[{ value: "", label: "Agreed answer: not yet moderated" }, ...(SCALE_OPTIONS[scaleOf(i.questionId)] ?? []).map((v) => ({ value: v, label: `Agreed answer: ${ANSWER_LABEL[v]}` }))]}
        />
      ))}
      <Button type="submit" variant="secondary" disabled={moderate.isPending}>
        Save moderated answers
      </Button>
    </form>
  );
}

function ModerationSection({ roundId, scaleOf }: { roundId: string; scaleOf: (q: string) => string }) {
  const q = useQuery(api.audits.rounds.moderation.queryOptions({ roundId }));
  const [saved, setSaved] = useState<string | null>(null);
  if (q.isPending) return <Loading what="Loading the moderation view" />;
  if (q.isError) return <QueryError error={q.error} what="Moderation" />;
  const m = q.data;
  const kappa = (k: number | null) => (k === null ? "–" : k.toFixed(2));
  return (
    <section aria-labelledby="moderation-heading">
      <h2 className="govuk-heading-l" id="moderation-heading">
        Moderation and agreement
      </h2>
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      <p className="govuk-body" data-testid="overall-agreement">
        {m.pairedCases} case files reviewed by both auditors. Overall agreement: <strong>{pct(m.overall.percentAgreement)}</strong> of {m.overall.pairs} answers (Cohen&apos;s kappa {kappa(m.overall.kappa)}, {m.overall.words}). Disagreements still to moderate: <strong>{m.unresolved}</strong>.
      </p>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Agreement per question</span>
        </summary>
        <div className="govuk-details__text">
          <Table
            caption="Agreement between the two auditors per question"
            captionSize="s"
            firstCellIsHeader
            rows={m.questions}
            rowKey={(x) => x.questionId}
            columns={[
              { header: "Question", cell: (x) => x.text },
              { header: "Both answered", cell: (x) => x.pairs, numeric: true },
              { header: "Agreed", cell: (x) => pct(x.percentAgreement), numeric: true },
              { header: "Kappa", cell: (x) => `${kappa(x.kappa)} (${x.words})` },
              { header: "To moderate", cell: (x) => (x.unresolved.length ? <Tag colour="orange">{String(x.unresolved.length)}</Tag> : "0") },
            ]}
          />
        </div>
      </details>
      {m.disagreements.length ? (
        <>
          <h3 className="govuk-heading-m">Disagreements</h3>
          {m.disagreements.map((d) => (
            <ModerateCase key={`${d.caseId}:${d.version}`} d={d} scaleOf={scaleOf} textOf={(qid) => m.questions.find((x) => x.questionId === qid)?.text ?? qid} onDone={setSaved} />
          ))}
        </>
      ) : (
        <p className="govuk-body">The auditors agree on every question answered by both.</p>
      )}
    </section>
  );
}

/** Case files chosen by hand, added to an open round with its auditors (e.g. beside the random sample). */
function AddCaseFiles({ round, onDone }: { round: Round; onDone: (t: string) => void }) {
  const queryClient = useQueryClient();
  const add = useMutation(api.audits.rounds.addCases.mutationOptions());
  const [refs, setRefs] = useState("");
  const [period, setPeriod] = useState(round.periods[round.periods.length - 1] ?? "during");
  const [errors, setErrors] = useState<{ href: string; text: string }[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const list = refs
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    const found: { href: string; text: string }[] = [];
    if (!list.length) found.push({ href: "add-refs", text: "Enter at least one case file reference" });
    else if (list.length > 50) found.push({ href: "add-refs", text: "Add at most 50 case files at a time" });
    if (!period.trim()) found.push({ href: "add-period", text: "Enter the period the case files count in, for example before or during" });
    setErrors(found);
    if (found.length) return;
    try {
      const out = await add.mutateAsync({ roundId: round.id, version: round.version, cases: list.map((familyReference) => ({ familyReference, period: period.trim() })) });
      setRefs("");
      await queryClient.invalidateQueries({ queryKey: api.audits.pathKey() });
      onDone(`${out.added} case file${out.added === 1 ? "" : "s"} added to the round`);
    } catch (error) {
      const info = errorInfo(error);
      if (info.code === "CONFLICT") {
        setProblem("The round changed while you were adding case files; the page now shows the latest. Add them again.");
        await queryClient.invalidateQueries({ queryKey: api.audits.pathKey() });
        return;
      }
      const m = /^cases\.(\d+)\.familyReference: (.*)$/.exec(info.message);
      if (m) setErrors([{ href: "add-refs", text: `Line ${Number(m[1]) + 1}: ${m[2]}` }]);
      else if (info.fieldErrors.length) setErrors(info.fieldErrors.map((f) => ({ href: /period/.test(f.path) ? "add-period" : "add-refs", text: `${f.path.replace(/^cases\.(\d+)\..*/, (_, n: string) => `Line ${Number(n) + 1}`)}: ${f.message}` })));
      else setProblem(saveProblem(error));
    }
  };
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="add-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="add-heading">
        Add case files chosen by hand
      </h2>
      <p className="govuk-body">Beside the sampled case files. They go to the round&apos;s auditors.</p>
      <ErrorSummary errors={errors} description={problem ?? undefined} />
      <Textarea id="add-refs" label="Case file references" hint="One a line, for example F000123" rows={3} value={refs} onChange={(e) => setRefs(e.target.value)} error={errors.find((x) => x.href === "add-refs")?.text} />
      <Input id="add-period" label="Period" hint="The period they count in for the report, for example before or during" width={10} value={period} onChange={(e) => setPeriod(e.target.value)} error={errors.find((x) => x.href === "add-period")?.text} />
      <Button type="submit" variant="secondary" disabled={add.isPending}>
        Add case files
      </Button>
    </form>
  );
}

/** Changes the auditors of a case file whose findings are not yet submitted. */
function ReassignAuditors({ round, onDone }: { round: Round; onDone: (t: string) => void }) {
  const queryClient = useQueryClient();
  const auditors = useQuery(api.audits.auditors.queryOptions());
  const reassign = useMutation(api.audits.cases.reassign.mutationOptions());
  const open = round.cases.filter((c) => !c.first?.submitted && !c.second?.submitted);
  const [caseId, setCaseId] = useState("");
  const [first, setFirst] = useState("");
  const [second, setSecond] = useState("");
  const [errors, setErrors] = useState<{ href: string; text: string }[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  if (!open.length) return null;
  if (auditors.isPending) return <Loading what="Loading auditors" />;
  if (auditors.isError) return <QueryError error={auditors.error} what="Auditors" />;
  const pick = (id: string) => {
    setCaseId(id);
    const c = round.cases.find((x) => x.id === id);
    setFirst(c?.first?.userId ?? "");
    setSecond(c?.second?.userId ?? "");
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const found: { href: string; text: string }[] = [];
    if (!caseId) found.push({ href: "re-case", text: "Choose the case file" });
    if (!first) found.push({ href: "re-first", text: "Choose the first auditor" });
    if (second && second === first) found.push({ href: "re-second", text: "The second auditor must be a different person" });
    setErrors(found);
    if (found.length) return;
    const c = round.cases.find((x) => x.id === caseId)!;
    try {
      await reassign.mutateAsync({ caseId, version: c.version, firstAuditorId: first, secondAuditorId: second || null });
      await queryClient.invalidateQueries({ queryKey: api.audits.pathKey() });
      onDone(`Auditors changed for case file ${c.familyReference ?? ""}`.trim());
    } catch (error) {
      const info = errorInfo(error);
      if (info.code === "CONFLICT") await queryClient.invalidateQueries({ queryKey: api.audits.pathKey() });
      setProblem(info.code === "CONFLICT" ? "This case file changed meanwhile; the page now shows the latest. Choose again." : saveProblem(error));
    }
  };
  const people = [{ value: "", label: "Choose" }, ...auditors.data.map((a) => ({ value: a.id, label: `${a.name} (${a.role.replace("_", " ")})` }))];
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="reassign-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="reassign-heading">
        Change auditors
      </h2>
      <p className="govuk-body">For a case file whose findings are not yet submitted.</p>
      <ErrorSummary errors={errors} description={problem ?? undefined} />
      <Select id="re-case" label="Case file" value={caseId} onChange={(e) => pick(e.target.value)} error={errors.find((x) => x.href === "re-case")?.text} options={[{ value: "", label: "Choose" }, ...open.map((c) => ({ value: c.id, label: `${c.familyReference ?? c.id} (${periodLabel(c.period)})` }))]} />
      <Select id="re-first" label="First auditor" value={first} onChange={(e) => setFirst(e.target.value)} error={errors.find((x) => x.href === "re-first")?.text} options={people} />
      <Select id="re-second" label="Second auditor (optional)" value={second} onChange={(e) => setSecond(e.target.value)} error={errors.find((x) => x.href === "re-second")?.text} options={[{ value: "", label: "None" }, ...people.slice(1)]} />
      <Button type="submit" variant="secondary" disabled={reassign.isPending}>
        Change auditors
      </Button>
    </form>
  );
}

/** Closes the round after a confirmation: no more findings, moderation or case files. */
function CloseRound({ round, onDone }: { round: Round; onDone: (t: string) => void }) {
  const queryClient = useQueryClient();
  const close = useMutation(api.audits.rounds.close.mutationOptions());
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const unsubmitted = round.cases.filter((c) => (c.first && !c.first.submitted) || (c.second && !c.second.submitted)).length;
  const confirm = async () => {
    setProblem(null);
    try {
      await close.mutateAsync({ id: round.id, version: round.version });
      await queryClient.invalidateQueries({ queryKey: api.audits.pathKey() });
      onDone("The round is closed");
    } catch (error) {
      const info = errorInfo(error);
      if (info.code === "CONFLICT") await queryClient.invalidateQueries({ queryKey: api.audits.pathKey() });
      setProblem(info.code === "CONFLICT" ? "The round changed meanwhile; the page now shows the latest. Check it, then close it again." : saveProblem(error));
    }
  };
  return (
    <section aria-labelledby="close-heading" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m" id="close-heading">
        Close the round
      </h2>
      <ErrorSummary errors={[]} description={problem ?? undefined} />
      {asking ? (
        <>
          <WarningText>
            Closing is final: auditors can no longer submit or change findings, disagreements can no longer be moderated, and no case files can be added.
            {unsubmitted ? ` ${unsubmitted} case file${unsubmitted === 1 ? " has" : "s have"} a finding not yet submitted.` : ""}
          </WarningText>
          <div className="govuk-button-group">
            <Button variant="warning" onClick={() => void confirm()} disabled={close.isPending}>
              Yes, close the round
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              Keep it open
            </Button>
          </div>
        </>
      ) : (
        <Button variant="secondary" onClick={() => setAsking(true)}>
          Close this round
        </Button>
      )}
    </section>
  );
}

export default function AuditRoundPage() {
  const { id = "" } = useParams();
  const auth = useAuth();
  const q = useQuery(api.audits.rounds.get.queryOptions({ id }));
  const [done, setDone] = useState<string | null>(null);
  const template = useQuery({ ...api.audits.templates.get.queryOptions({ id: q.data?.templateId ?? "" }), enabled: !!q.data });
  const scaleOf = (qid: string) => template.data?.questions.find((x) => x.id === qid)?.scale ?? "evidence";
  return (
    <Page title={q.data?.name ?? "Audit round"} caption="Case-file audit round">
      <p className="govuk-body">
        <Link className="govuk-link" to="/audits">
          Back to audits
        </Link>
      </p>
      {q.isPending ? (
        <Loading what="Loading the round" />
      ) : q.isError ? (
        <QueryError error={q.error} what="The audit round" />
      ) : (
        <>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Template</dt>
              <dd className="govuk-summary-list__value">
                <Link className="govuk-link" to={`/audits/templates/${q.data.templateId}`}>
                  {q.data.templateName}
                </Link>
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Status</dt>
              <dd className="govuk-summary-list__value" data-testid="round-status">
                {q.data.status === "closed" ? "Closed" : "Open"}
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Sample</dt>
              <dd className="govuk-summary-list__value">{q.data.sampleMethod === "random" ? `Random, seed ${q.data.sampleSeed}` : "Chosen case files"}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Case files</dt>
              <dd className="govuk-summary-list__value">{q.data.periods.map((p) => `${periodLabel(p)}: ${q.data.cases.filter((c) => c.period === p).length}`).join("; ")}</dd>
            </div>
          </dl>
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Case files and auditors ({q.data.cases.length})</span>
            </summary>
            <div className="govuk-details__text">
              <Table
                caption="Case files in this round"
                captionSize="s"
                rows={q.data.cases}
                rowKey={(c) => c.id}
                columns={[
                  { header: "Case file", cell: (c) => c.familyReference ?? "(hidden)" },
                  { header: "Period", cell: (c) => periodLabel(c.period) },
                  { header: "First auditor", cell: (c) => (c.first ? `${c.first.name}${c.first.submitted ? " ✓" : ""}` : "–") },
                  { header: "Second auditor", cell: (c) => (c.second ? `${c.second.name}${c.second.submitted ? " ✓" : ""}` : "–") },
                  { header: "Moderated", cell: (c) => (c.moderated ? "Yes" : "No") },
                ]}
              />
            </div>
          </details>
          {done ? <NotificationBanner type="success" heading={done} focusOnMount /> : null}
          {auth.can("audits:run") && q.data.status === "open" ? (
            <>
              <AddCaseFiles key={q.data.version} round={q.data} onDone={setDone} />
              <ReassignAuditors key={`re-${q.data.version}-${q.data.cases.map((c) => c.version).join(".")}`} round={q.data} onDone={setDone} />
              <CloseRound key={`close-${q.data.version}`} round={q.data} onDone={setDone} />
            </>
          ) : null}
          {auth.can("audits:run") ? <ModerationSection roundId={id} scaleOf={scaleOf} /> : null}
          <ReportSection roundId={id} />
        </>
      )}
    </Page>
  );
}
