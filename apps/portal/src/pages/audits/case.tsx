/**
 * The audit form for one case file: the auditor's own answers (never the other
 * auditor's), a summary and actions for the case's worker. Save a draft at any
 * time; submit once every question is answered.
 */
import { Button, ErrorSummary, NotificationBanner, Radios, Tag, Textarea, type SummaryError } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { saveProblem } from "../../lib/record-form.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";
import { ANSWER_LABEL, periodLabel, SCALE_OPTIONS } from "./shared.js";

type Finding = RouterOutputs["audits"]["my"]["get"];
interface Values {
  answers: Record<string, string>;
  summary: string;
  actions: string;
}

function AuditForm({ f, onSaved }: { f: Finding; onSaved: (text: string) => void }) {
  const queryClient = useQueryClient();
  const save = useMutation(api.audits.my.save.mutationOptions());
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({ defaultValues: { answers: { ...(f.answers as Record<string, string>) }, summary: f.summary, actions: f.actions.join("\n") } });
  const sections = [...new Set(f.questions.map((q) => q.section))];
  const send = (submit: boolean) =>
    form.handleSubmit(async (v) => {
      setProblem(null);
      const answers = Object.fromEntries(Object.entries(v.answers ?? {}).filter(([, a]) => typeof a === "string" && a !== ""));
      if (submit) {
        const missing = f.questions.filter((q) => !answers[q.id]).map((q) => ({ href: `q-${q.id}`, text: `Answer: ${q.text}` }));
        setErrors(missing);
        if (missing.length) return;
      } else setErrors([]);
      try {
        await save.mutateAsync({ caseId: f.caseId, version: f.version, answers, summary: v.summary, actions: v.actions.split("\n").map((a) => a.trim()).filter(Boolean), submit });
        await queryClient.invalidateQueries({ queryKey: api.audits.pathKey() });
        onSaved(submit ? "Your finding has been submitted" : "Draft saved");
      } catch (error) {
        const info = errorInfo(error);
        if (info.code === "CONFLICT") {
          setProblem("This finding was saved elsewhere (another tab?) since you opened it. Reload the page to see it.");
          return;
        }
        setProblem(info.fieldErrors.length ? info.fieldErrors.map((e) => `${e.path}: ${e.message}`).join("; ") : saveProblem(error));
      }
    });
  const err = (id: string) => errors.find((e) => e.href === `q-${id}`)?.text;
  return (
    <form noValidate onSubmit={(e) => e.preventDefault()} aria-label="Audit finding">
      <ErrorSummary errors={errors} description={problem ?? undefined} />
      {sections.map((s) => (
        <section key={s} aria-labelledby={`sec-${s.replace(/\W+/g, "-")}`}>
          <h2 className="govuk-heading-m" id={`sec-${s.replace(/\W+/g, "-")}`}>
            {s}
          </h2>
          {f.questions
            .filter((q) => q.section === s)
            .map((q) => (
              <Radios
                key={q.id}
                id={`q-${q.id}`}
                legend={q.text}
                hint={q.guidance || undefined}
                error={err(q.id)}
                inline
                small
                items={SCALE_OPTIONS[q.scale]!.map((value) => ({ value, label: ANSWER_LABEL[value]! }))}
                inputProps={form.register(`answers.${q.id}`)}
              />
            ))}
        </section>
      ))}
      <Textarea id="finding-summary" label="Summary of the finding" rows={4} {...form.register("summary")} />
      <Textarea id="finding-actions" label="Actions for the case's worker" hint="One action a line. The worker sees these once the finding is submitted." rows={3} {...form.register("actions")} />
      <div className="govuk-button-group">
        <Button type="button" onClick={() => void send(true)()} disabled={save.isPending}>
          Submit finding
        </Button>
        <Button type="button" variant="secondary" onClick={() => void send(false)()} disabled={save.isPending}>
          Save draft
        </Button>
      </div>
    </form>
  );
}

function Submitted({ f }: { f: Finding }) {
  const answers = f.answers as Record<string, string>;
  return (
    <>
      <NotificationBanner heading="You have submitted this finding">Ask the manager running the round if something needs to change: they moderate disagreements.</NotificationBanner>
      <dl className="govuk-summary-list">
        {f.questions.map((q) => (
          <div className="govuk-summary-list__row" key={q.id}>
            <dt className="govuk-summary-list__key">{q.text}</dt>
            <dd className="govuk-summary-list__value">{answers[q.id] ? ANSWER_LABEL[answers[q.id]!] : "Not answered"}</dd>
          </div>
        ))}
      </dl>
      {f.actions.length ? (
        <>
          <h2 className="govuk-heading-s">Actions</h2>
          <ul className="govuk-list govuk-list--bullet">
            {f.actions.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export default function AuditCasePage() {
  const { caseId = "" } = useParams();
  const q = useQuery(api.audits.my.get.queryOptions({ caseId }));
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <Page title={q.data ? `Audit of case file ${q.data.family.reference}` : "Audit of a case file"} caption={q.data ? `${q.data.roundName} · ${periodLabel(q.data.period)}` : "Case-file audit"}>
      <p className="govuk-body">
        <Link className="govuk-link" to="/audits">
          Back to audits
        </Link>
      </p>
      {q.isPending ? (
        <Loading what="Loading the audit form" />
      ) : q.isError ? (
        <QueryError error={q.error} what="The audit form" />
      ) : (
        <>
          <p className="govuk-body">
            {q.data.family.name} ·{" "}
            <Link className="govuk-link" to={`/families/${q.data.family.id}`}>
              Open the case file
            </Link>{" "}
            · You are the <Tag colour={q.data.role === "first" ? "blue" : "purple"}>{q.data.role === "first" ? "first auditor" : "second auditor"}</Tag>
          </p>
          {saved ? <NotificationBanner type="success" heading={saved} focusOnMount /> : null}
          {q.data.submittedAt ? (
            <Submitted f={q.data} />
          ) : q.data.roundStatus === "closed" ? (
            <p className="govuk-inset-text">This round is closed, so this finding can no longer be submitted or changed.</p>
          ) : (
            <AuditForm key={q.data.version} f={q.data} onSaved={setSaved} />
          )}
        </>
      )}
    </Page>
  );
}
