/**
 * Case-file audits: the case files the caller is asked to audit, the findings
 * on their own cases, and (for managers, admins and analysts) the rounds and
 * templates, with a form to start a round (random sample with a recorded seed).
 */
import { Button, DateInput, ErrorSummary, Input, NotificationBanner, Select, Table, Tag, type SummaryError } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDay } from "../../lib/format.js";
import { saveProblem } from "../../lib/record-form.js";
import { api, errorInfo } from "../../lib/trpc.js";
import { ANSWER_LABEL, periodLabel } from "./shared.js";

function MyAudits() {
  const q = useQuery(api.audits.my.list.queryOptions());
  if (q.isPending) return <Loading what="Loading your audits" />;
  if (q.isError) return <QueryError error={q.error} what="Your audits" />;
  if (!q.data.length) return <p className="govuk-body">You have no case files to audit.</p>;
  return (
    <Table
      caption="Case files for you to audit"
      captionSize="m"
      rows={q.data}
      rowKey={(r) => r.caseId}
      columns={[
        { header: "Case file", cell: (r) => <Link className="govuk-link" to={`/audits/cases/${r.caseId}`}>{`${r.family.reference} (${r.family.name})`}</Link> },
        { header: "Round", cell: (r) => r.round.name },
        { header: "Period", cell: (r) => periodLabel(r.period) },
        { header: "You are", cell: (r) => (r.role === "first" ? "First auditor" : "Second auditor (moderation)") },
        { header: "Status", cell: (r) => (r.submitted ? <Tag colour="green">Submitted</Tag> : <Tag colour="yellow">To do</Tag>) },
      ]}
    />
  );
}

function FindingsOnMyCases() {
  const q = useQuery(api.audits.my.findings.queryOptions());
  if (q.isPending) return <Loading what="Loading findings on your cases" />;
  if (q.isError) return <QueryError error={q.error} what="Findings on your cases" />;
  if (!q.data.length) return <p className="govuk-body">No audit findings on the families allocated to you.</p>;
  return (
    <>
      {q.data.map((f) => (
        <div key={f.caseId} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">{`${f.family.reference} (${f.family.name}) – ${f.roundName}`}</h3>
          </div>
          <div className="govuk-summary-card__content">
            {f.actions.length ? (
              <>
                <h4 className="govuk-heading-s">Actions for you</h4>
                <ul className="govuk-list govuk-list--bullet">
                  {f.actions.map((a, i) => (
                    <li key={i}>{a}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="govuk-body">No actions.</p>
            )}
            {f.summaries.map((s, i) => (
              <p className="govuk-body" key={i}>
                {s}
              </p>
            ))}
            <details className="govuk-details">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">The auditors' answers</span>
              </summary>
              <div className="govuk-details__text">
                <dl className="govuk-summary-list">
                  {f.answers.map((a) => (
                    <div className="govuk-summary-list__row" key={a.questionId}>
                      <dt className="govuk-summary-list__key">{a.text}</dt>
                      <dd className="govuk-summary-list__value">{a.answer ? ANSWER_LABEL[a.answer] : "Not answered"}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            </details>
          </div>
        </div>
      ))}
    </>
  );
}

function Rounds() {
  const auth = useAuth();
  const rounds = useQuery(api.audits.rounds.list.queryOptions());
  const templates = useQuery(api.audits.templates.list.queryOptions());
  return (
    <>
      <h2 className="govuk-heading-m">Rounds</h2>
      {rounds.isPending ? (
        <Loading what="Loading rounds" />
      ) : rounds.isError ? (
        <QueryError error={rounds.error} what="Audit rounds" />
      ) : rounds.data.length ? (
        <Table
          caption="Audit rounds"
          captionSize="s"
          rows={rounds.data}
          rowKey={(r) => r.id}
          columns={[
            { header: "Round", cell: (r) => <Link className="govuk-link" to={`/audits/rounds/${r.id}`}>{r.name}</Link> },
            { header: "Template", cell: (r) => r.templateName },
            { header: "Case files", cell: (r) => r.caseCount, numeric: true },
            { header: "Sample", cell: (r) => (r.sampleMethod === "random" ? `Random, seed ${r.sampleSeed}` : "Chosen") },
            { header: "Started", cell: (r) => formatDay(r.createdAt.slice(0, 10)) },
            { header: "Status", cell: (r) => (r.status === "closed" ? <Tag colour="grey">Closed</Tag> : <Tag colour="blue">Open</Tag>) },
          ]}
        />
      ) : (
        <p className="govuk-body">No rounds yet.</p>
      )}
      <h2 className="govuk-heading-m">Templates</h2>
      {templates.isPending ? (
        <Loading what="Loading templates" />
      ) : templates.isError ? (
        <QueryError error={templates.error} what="Audit templates" />
      ) : (
        <ul className="govuk-list">
          {auth.can("audits:write") ? (
            <li>
              <Link className="govuk-link" to="/audits/templates/new">
                Create an audit template
              </Link>
            </li>
          ) : null}
          {templates.data.map((t) => (
            <li key={t.id}>
              <Link className="govuk-link" to={`/audits/templates/${t.id}`}>
                {t.name}
              </Link>{" "}
              <span className="govuk-hint govuk-!-display-inline">({t.questionCount} questions)</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

interface Group {
  period: string;
  size: string;
  openedFrom: string;
  openedTo: string;
}

function StartRound() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const templates = useQuery(api.audits.templates.list.queryOptions());
  const auditors = useQuery(api.audits.auditors.queryOptions());
  const create = useMutation(api.audits.rounds.create.mutationOptions());
  const [name, setName] = useState("");
  const [templateId, setTemplateId] = useState("");
  const [first, setFirst] = useState("");
  const [second, setSecond] = useState("");
  const [seed, setSeed] = useState(() => String(Math.floor(Math.random() * 1_000_000)));
  const [groups, setGroups] = useState<Group[]>([
    { period: "before", size: "", openedFrom: "", openedTo: "" },
    { period: "during", size: "", openedFrom: "", openedTo: "" },
  ]);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  if (templates.isPending || auditors.isPending) return <Loading what="Loading templates and auditors" />;
  if (templates.isError) return <QueryError error={templates.error} what="Audit templates" />;
  if (auditors.isError) return <QueryError error={auditors.error} what="Auditors" />;
  const err = (id: string) => errors.find((e) => e.href === id)?.text;
  const setGroup = (i: number, patch: Partial<Group>) => setGroups((g) => g.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const found: SummaryError[] = [];
    if (!name.trim()) found.push({ href: "round-name", text: "Enter a name for the round" });
    if (!templateId) found.push({ href: "round-template", text: "Choose the audit template" });
    if (!first) found.push({ href: "round-first", text: "Choose the first auditor" });
    if (second && second === first) found.push({ href: "round-second", text: "The second auditor must be a different person" });
    if (!/^\d{1,9}$/.test(seed)) found.push({ href: "round-seed", text: "The seed must be a whole number" });
    const used = groups.filter((g) => g.size.trim() !== "");
    if (!used.length) found.push({ href: "round-size-0", text: "Enter how many case files to sample in at least one period" });
    groups.forEach((g, i) => {
      if (g.size.trim() !== "" && !/^\d+$/.test(g.size.trim())) found.push({ href: `round-size-${i}`, text: `Enter the number of case files for ${g.period} as a whole number` });
    });
    setErrors(found);
    if (found.length) return;
    try {
      const round = await create.mutateAsync({
        name: name.trim(),
        templateId,
        firstAuditorId: first,
        ...(second ? { secondAuditorId: second } : {}),
        sample: {
          method: "random",
          seed: Number(seed),
          groups: used.map((g) => ({ period: g.period.trim(), size: Number(g.size), ...(g.openedFrom ? { openedFrom: g.openedFrom } : {}), ...(g.openedTo ? { openedTo: g.openedTo } : {}) })),
        },
      });
      await queryClient.invalidateQueries({ queryKey: api.audits.pathKey() });
      void navigate(`/audits/rounds/${round.id}`);
    } catch (error) {
      const info = errorInfo(error);
      if (info.fieldErrors.length) setProblem(info.fieldErrors.map((f) => `${f.path}: ${f.message}`).join("; "));
      else setProblem(saveProblem(error));
    }
  };
  const people = [{ value: "", label: "Choose" }, ...auditors.data.map((a) => ({ value: a.id, label: `${a.name} (${a.role.replace("_", " ")})` }))];
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="start-round">
      <h2 className="govuk-heading-m" id="start-round">
        Start a round
      </h2>
      <ErrorSummary errors={errors} description={problem ?? undefined} />
      <Input id="round-name" label="Name of the round" hint="For example: June 2026 domestic abuse case files" value={name} onChange={(e) => setName(e.target.value)} error={err("round-name")} />
      <Select id="round-template" label="Audit template" value={templateId} onChange={(e) => setTemplateId(e.target.value)} error={err("round-template")} options={[{ value: "", label: "Choose" }, ...templates.data.map((t) => ({ value: t.id, label: t.name }))]} />
      <Select id="round-first" label="First auditor" value={first} onChange={(e) => setFirst(e.target.value)} error={err("round-first")} options={people} />
      <Select id="round-second" label="Second auditor (moderation)" hint="Reviews the same case files independently; their answers are compared with the first auditor's" value={second} onChange={(e) => setSecond(e.target.value)} error={err("round-second")} options={people} />
      <Input id="round-seed" label="Random seed" hint="Recorded with the round, so the same sample can be drawn again" inputMode="numeric" width={10} value={seed} onChange={(e) => setSeed(e.target.value)} error={err("round-seed")} />
      {groups.map((g, i) => (
        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={i}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{`Period ${i + 1}`}</legend>
          <Input id={`round-period-${i}`} label="Label" width={10} value={g.period} onChange={(e) => setGroup(i, { period: e.target.value })} />
          <Input id={`round-size-${i}`} label="Number of case files" hint="Leave empty to skip this period" inputMode="numeric" width={4} value={g.size} onChange={(e) => setGroup(i, { size: e.target.value })} error={err(`round-size-${i}`)} />
          <DateInput id={`round-from-${i}`} legend="Opened on or after (optional)" value={g.openedFrom} onChange={(v) => setGroup(i, { openedFrom: v })} />
          <DateInput id={`round-to-${i}`} legend="Opened on or before (optional)" value={g.openedTo} onChange={(v) => setGroup(i, { openedTo: v })} />
        </fieldset>
      ))}
      <Button type="submit" disabled={create.isPending}>
        Sample case files and start the round
      </Button>
    </form>
  );
}

export default function AuditsPage() {
  const auth = useAuth();
  return (
    <Page title="Case-file audits" caption="Practice quality">
      <p className="govuk-body">Two auditors review each sampled case file against the audit template. Where they disagree, a manager moderates; the report counts the moderated answer, otherwise the first auditor&apos;s.</p>
      {auth.can("audits:answer") ? (
        <>
          <MyAudits />
          <h2 className="govuk-heading-m">Findings on your cases</h2>
          <FindingsOnMyCases />
        </>
      ) : null}
      {auth.can("audits:read") ? <Rounds /> : null}
      {auth.can("audits:run") ? <StartRound /> : null}
      {!auth.can("audits:answer") && !auth.can("audits:read") ? <NotificationBanner heading="You have no case-file audits" /> : null}
    </Page>
  );
}
