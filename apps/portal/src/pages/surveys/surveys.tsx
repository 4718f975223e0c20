/** Surveys: the ones the caller is invited to, and (for managers and admins) every survey with its waves. */
import { Button, ErrorSummary, Input, Table, Tag, Textarea, type SummaryError } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDay } from "../../lib/format.js";
import { saveProblem } from "../../lib/record-form.js";
import { api, errorInfo } from "../../lib/trpc.js";

const KINDS: Record<string, "agree5" | "yes_no" | "text"> = { agree: "agree5", "yes/no": "yes_no", text: "text" };

/** Turns "agree: I feel supported" lines into questions; returns the problems by line. */
function parseQuestions(text: string): { questions: { id: string; text: string; kind: "agree5" | "yes_no" | "text" }[]; problems: string[] } {
  const questions: { id: string; text: string; kind: "agree5" | "yes_no" | "text" }[] = [];
  const problems: string[] = [];
  text
    .split("\n")
    .map((l) => l.trim())
    .forEach((line, i) => {
      if (!line) return;
      const m = /^(agree|yes\/no|text)\s*:\s*(.+)$/i.exec(line);
      if (!m) {
        problems.push(`Line ${i + 1}: start with "agree:", "yes/no:" or "text:"`);
        return;
      }
      questions.push({ id: `q${questions.length + 1}`, text: m[2]!.trim(), kind: KINDS[m[1]!.toLowerCase()]! });
    });
  return { questions, problems };
}

function CreateSurvey() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation(api.surveys.create.mutationOptions());
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [lines, setLines] = useState("");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const err = (id: string) => errors.filter((e) => e.href === id).map((e) => e.text).join(". ") || undefined;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const parsed = parseQuestions(lines);
    const found: SummaryError[] = [];
    if (!name.trim()) found.push({ href: "survey-name", text: "Enter a name for the survey" });
    if (!parsed.questions.length && !parsed.problems.length) found.push({ href: "survey-questions", text: "Enter at least one question" });
    for (const p of parsed.problems) found.push({ href: "survey-questions", text: p });
    setErrors(found);
    if (found.length) return;
    try {
      const s = await create.mutateAsync({ name: name.trim(), description: description.trim(), questions: parsed.questions });
      await queryClient.invalidateQueries({ queryKey: api.surveys.pathKey() });
      void navigate(`/surveys/${s.id}`);
    } catch (error) {
      const info = errorInfo(error);
      setProblem(info.fieldErrors.length ? info.fieldErrors.map((f) => `${f.path}: ${f.message}`).join("; ") : saveProblem(error));
    }
  };
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="create-survey">
      <h2 className="govuk-heading-m" id="create-survey">
        Create a survey
      </h2>
      <ErrorSummary errors={errors} description={problem ?? undefined} />
      <Input id="survey-name" label="Name" value={name} onChange={(e) => setName(e.target.value)} error={err("survey-name")} />
      <Textarea id="survey-description" label="Description (optional)" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      <Textarea
        id="survey-questions"
        label="Questions"
        hint='One a line, starting with the kind of answer: "agree: I feel supported by my manager" (strongly disagree to strongly agree), "yes/no: I have had the training", or "text: Anything else?"'
        rows={6}
        value={lines}
        onChange={(e) => setLines(e.target.value)}
        error={err("survey-questions")}
      />
      <Button type="submit" disabled={create.isPending}>
        Create the survey
      </Button>
    </form>
  );
}

const STATE: Record<string, { label: string; colour: "green" | "grey" | "blue" }> = {
  open: { label: "Open", colour: "green" },
  closed: { label: "Closed", colour: "grey" },
  scheduled: { label: "Not open yet", colour: "blue" },
};

function Mine() {
  const q = useQuery(api.surveys.mine.queryOptions());
  if (q.isPending) return <Loading what="Loading your surveys" />;
  if (q.isError) return <QueryError error={q.error} what="Your surveys" />;
  if (!q.data.length) return <p className="govuk-body">You have not been invited to any survey.</p>;
  return (
    <Table
      caption="Surveys for you"
      captionSize="m"
      rows={q.data}
      rowKey={(r) => r.wave.id}
      columns={[
        { header: "Survey", cell: (r) => (r.wave.state === "open" && !r.answered ? <Link className="govuk-link" to={`/surveys/answer/${r.wave.id}`}>{`${r.survey.name} – ${r.wave.name}`}</Link> : `${r.survey.name} – ${r.wave.name}`) },
        { header: "Closes", cell: (r) => formatDay(r.wave.closesOn) },
        { header: "Status", cell: (r) => (r.answered ? <Tag colour="green">Answered</Tag> : <Tag colour={STATE[r.wave.state]!.colour}>{STATE[r.wave.state]!.label}</Tag>) },
      ]}
    />
  );
}

function All() {
  const q = useQuery(api.surveys.list.queryOptions());
  if (q.isPending) return <Loading what="Loading surveys" />;
  if (q.isError) return <QueryError error={q.error} what="Surveys" />;
  return (
    <>
      <h2 className="govuk-heading-m">All surveys</h2>
      {q.data.length ? (
        <Table
          caption="Staff and partner surveys"
          captionSize="s"
          rows={q.data}
          rowKey={(s) => s.id}
          columns={[
            { header: "Survey", cell: (s) => <Link className="govuk-link" to={`/surveys/${s.id}`}>{s.name}</Link> },
            { header: "Questions", cell: (s) => s.questionCount, numeric: true },
            { header: "Waves", cell: (s) => s.waves.map((w) => w.name).join("; ") || "None yet" },
          ]}
        />
      ) : (
        <p className="govuk-body">No surveys yet.</p>
      )}
    </>
  );
}

export default function SurveysPage() {
  const auth = useAuth();
  return (
    <Page title="Surveys" caption="Staff and partners">
      <p className="govuk-body">Surveys are anonymous: your answers are not linked to you, and results are shown only for groups of 5 or more responses.</p>
      <Mine />
      {auth.can("surveys:read") ? <All /> : null}
      {auth.can("surveys:write") ? <CreateSurvey /> : null}
    </Page>
  );
}
