/** Answering a survey wave: agreement scales, yes/no and free text; anonymous. */
import { Button, ErrorSummary, InsetText, Panel, Radios, Textarea } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { formatDay } from "../../lib/format.js";
import { saveProblem } from "../../lib/record-form.js";
import { api, errorInfo } from "../../lib/trpc.js";

const AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"];

export default function SurveyAnswerPage() {
  const { waveId = "" } = useParams();
  const queryClient = useQueryClient();
  const q = useQuery(api.surveys.form.queryOptions({ waveId }));
  const respond = useMutation(api.surveys.respond.mutationOptions());
  const form = useForm<Record<string, string>>({ defaultValues: {} });
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const onSubmit = form.handleSubmit(async (v) => {
    if (!q.data) return;
    setProblem(null);
    const answers: Record<string, number | boolean | string> = {};
    for (const question of q.data.questions) {
      const value = v[question.id];
      if (value === undefined || value === null || value === "") continue;
      answers[question.id] = question.kind === "agree5" ? Number(value) : question.kind === "yes_no" ? value === "yes" : value;
    }
    if (!Object.keys(answers).length) {
      setProblem("Answer at least one question");
      return;
    }
    try {
      await respond.mutateAsync({ waveId, answers });
      await queryClient.invalidateQueries({ queryKey: api.surveys.pathKey() });
      setDone(true);
    } catch (error) {
      const info = errorInfo(error);
      setProblem(info.code === "CONFLICT" ? "You have already answered this survey." : saveProblem(error));
    }
  });
  if (done) {
    return (
      <Page title="Thank you" caption="Survey">
        <Panel title="Your answers have been sent">They are stored without your name.</Panel>
        <p className="govuk-body">
          <Link className="govuk-link" to="/surveys">
            Back to surveys
          </Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={q.data?.survey.name ?? "Survey"} caption={q.data ? `${q.data.wave.name} · closes ${formatDay(q.data.wave.closesOn)}` : "Survey"}>
      {q.isPending ? (
        <Loading what="Loading the survey" />
      ) : q.isError ? (
        <QueryError error={q.error} what="The survey" />
      ) : q.data.answered ? (
        <InsetText>You have answered this survey. Thank you.</InsetText>
      ) : q.data.wave.state !== "open" ? (
        <InsetText>This survey is {q.data.wave.state === "closed" ? "closed" : "not open yet"}.</InsetText>
      ) : (
        <form noValidate onSubmit={(e) => void onSubmit(e)} aria-label="Survey answers">
          <ErrorSummary errors={[]} description={problem ?? undefined} />
          <InsetText>
            {q.data.survey.description || "Your answers are anonymous."} You can skip any question. Results are shown only for groups of {q.data.minGroup} or more responses.
          </InsetText>
          {q.data.questions.map((question) =>
            question.kind === "text" ? (
              <Textarea key={question.id} id={`a-${question.id}`} label={question.text} labelSize="s" hint="Do not include names or anything that identifies a family or a colleague." rows={4} {...form.register(question.id)} />
            ) : (
              <Radios
                key={question.id}
                id={`a-${question.id}`}
                legend={question.text}
                small
                inline={question.kind === "yes_no"}
                items={question.kind === "agree5" ? AGREE.map((label, i) => ({ value: String(i + 1), label })) : [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]}
                inputProps={form.register(question.id)}
              />
            ),
          )}
          <Button type="submit" disabled={respond.isPending}>
            Send my answers
          </Button>
        </form>
      )}
    </Page>
  );
}
