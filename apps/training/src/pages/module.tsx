import { Button, Checkboxes, ErrorSummary, NotificationBanner, Radios, type SummaryError } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { formatDate, percent } from "../lib/format.js";
import { api, errorInfo, type RouterOutputs } from "../lib/trpc.js";
import { ModuleMarkdown } from "./markdown.js";

type Module = RouterOutputs["training"]["my"]["module"];
type Result = RouterOutputs["training"]["my"]["completeModule"];

export default function ModulePage() {
  const { id = "" } = useParams();
  const q = useQuery(api.training.my.module.queryOptions({ id }));
  if (q.isPending) return <Loading what="Loading the module" />;
  if (q.isError) return <QueryError error={q.error} what="The module" />;
  return <TakeModule module={q.data} />;
}

const REASON: Record<string, string> = {
  quiz_not_passed: "You did not reach the pass mark. Read the feedback, then try the questions again.",
  quiz_not_taken: "Answer the questions.",
  not_acknowledged: "Confirm that you have read and understood the module.",
};

function TakeModule({ module }: { module: Module }) {
  const queryClient = useQueryClient();
  const questions = module.quiz?.questions ?? [];
  const [answers, setAnswers] = useState<(number | null)[]>(() => questions.map(() => null));
  const [ack, setAck] = useState(false);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [result, setResult] = useState<Result | null>(null);
  const submit = useMutation({
    ...api.training.my.completeModule.mutationOptions(),
    onSuccess: async (r) => {
      setResult(r);
      if (r.completed) await queryClient.invalidateQueries({ queryKey: api.training.my.pathKey() });
    },
  });
  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    questions.forEach((q, i) => {
      if (answers[i] === null) errs.push({ href: `q-${q.id}`, text: `Answer question ${i + 1}` });
    });
    if (module.requiresAcknowledgement && !ack) errs.push({ href: "ack", text: "Confirm that you have read and understood the module" });
    setErrors(errs);
    if (errs.length > 0) return;
    submit.mutate({ moduleId: module.id, answers: module.quiz ? answers : null, acknowledged: ack });
  };
  const feedback = new Map((result?.quiz?.feedback ?? []).map((f) => [f.questionId, f]));
  return (
    <Page title={module.title} caption="Onboarding module">
      {result?.completed ? (
        <NotificationBanner type="success" heading="Module completed" focusOnMount>
          <p className="govuk-body">
            {result.quiz ? `You scored ${result.quiz.correct} out of ${result.quiz.total} (${percent(result.quiz.score)}). ` : ""}
            <Link className="govuk-link" to="/my">
              Back to my training
            </Link>
          </p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary
        errors={errors}
        description={
          submit.isError ? errorInfo(submit.error).message : result && !result.completed ? result.reasons.map((r) => REASON[r] ?? r).join(" ") + (result.quiz ? ` You scored ${result.quiz.correct} out of ${result.quiz.total}; the pass mark is ${percent(result.quiz.passMark)}.` : "") : undefined
        }
      />
      {module.completedOn && !result ? <p className="govuk-inset-text">You completed this module on {formatDate(module.completedOn)}. You can take it again to refresh your knowledge.</p> : null}
      <ModuleMarkdown content={module.content} title={module.title} />
      <form noValidate onSubmit={onSubmit}>
        {module.quiz ? (
          <>
            <h2 className="govuk-heading-m">Check your understanding</h2>
            <p className="govuk-body">Answer every question. The pass mark is {percent(module.quiz.passMark)}.</p>
            {questions.map((q, i) => {
              const f = feedback.get(q.id);
              return (
                <div key={q.id}>
                  <Radios
                    id={`q-${q.id}`}
                    legend={`${i + 1}. ${q.prompt}`}
                    legendSize="s"
                    error={errors.some((e) => e.href === `q-${q.id}`) ? `Answer question ${i + 1}` : undefined}
                    items={q.options.map((o, oi) => ({ value: String(oi), label: o }))}
                    inputProps={{
                      name: `q-${q.id}`,
                      onChange: (e) => {
                        const chosen = Number(e.currentTarget.value);
                        setAnswers((prev) => prev.map((a, ai) => (ai === i ? chosen : a)));
                      },
                    }}
                  />
                  {f ? (
                    <div className={`app-quiz-feedback ${f.correct ? "app-quiz-feedback--right" : "app-quiz-feedback--wrong"}`} role="status">
                      <p className="govuk-body govuk-!-font-weight-bold">{f.correct ? "Correct." : `Not quite. The answer is: ${q.options[f.correctIndex]}`}</p>
                      {f.explanation ? <p className="govuk-body">{f.explanation}</p> : null}
                    </div>
                  ) : null}
                </div>
              );
            })}
          </>
        ) : null}
        {module.requiresAcknowledgement ? (
          <Checkboxes
            id="ack"
            legend="Acknowledgement"
            legendSize="m"
            error={errors.some((e) => e.href === "ack") ? "Confirm that you have read and understood the module" : undefined}
            items={[{ value: "yes", label: module.acknowledgementText }]}
            inputProps={{ name: "ack", checked: ack, onChange: (e) => setAck(e.currentTarget.checked) }}
          />
        ) : null}
        <Button type="submit" disabled={submit.isPending}>
          {module.quiz ? "Submit answers" : "Mark as complete"}
        </Button>
      </form>
    </Page>
  );
}
