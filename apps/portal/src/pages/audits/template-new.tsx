/**
 * Create a case-file audit template: its code, name, description and the
 * questions (section, wording, answer scale, guidance). Checked with the
 * core's `ZAuditTemplateInput` before it is sent; question ids are numbered
 * (q1, q2, …) so the author never types one.
 */
import { ZAuditTemplateInput } from "@evident/core";
import { Button, DraftOfferBanner, ErrorSummary, Input, Select, Textarea, useStateDraft, type SummaryError } from "@evident/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { Page } from "../../components/page.js";
import { saveProblem } from "../../lib/record-form.js";
import { api, errorInfo } from "../../lib/trpc.js";

interface QuestionForm {
  key: number;
  section: string;
  text: string;
  scale: string;
  guidance: string;
}
let nextKey = 1;
const blank = (section = ""): QuestionForm => ({ key: nextKey++, section, text: "", scale: "evidence", guidance: "" });

function fieldOf(path: readonly PropertyKey[], message: string): SummaryError {
  const [a, b, c] = path.map(String);
  if (a === "code") return { href: "t-code", text: "Enter a code of capital letters, digits and _, for example DA_AUDIT_2027" };
  if (a === "name") return { href: "t-name", text: "Enter the template's name" };
  if (a === "description") return { href: "t-description", text: `Description: ${message}` };
  if (a === "questions" && b === undefined) return { href: "t-add", text: "Add at least 1 question" };
  if (a === "questions") {
    const n = Number(b) + 1;
    if (c === "section") return { href: `t-q${b}-section`, text: `Enter the section of question ${n}, for example Quality of practice` };
    if (c === "text") return { href: `t-q${b}-text`, text: `Write question ${n}` };
    if (c === "scale") return { href: `t-q${b}-scale`, text: `Choose the answer scale of question ${n}` };
    return { href: `t-q${b}-guidance`, text: `Question ${n}'s guidance: ${message}` };
  }
  return { href: "t-code", text: `${path.join(".")}: ${message}` };
}

export default function AuditTemplateNewPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation(api.audits.templates.create.mutationOptions());
  const [empty] = useState(() => ({ code: "", name: "", description: "", questions: [blank()] }));
  const [form, setForm, draft] = useStateDraft("audit-template:new", empty);
  const { code, name, description, questions } = form;
  nextKey = Math.max(nextKey, ...questions.map((q) => q.key + 1));
  const setCode = (code: string) => setForm((f) => ({ ...f, code }));
  const setName = (name: string) => setForm((f) => ({ ...f, name }));
  const setDescription = (description: string) => setForm((f) => ({ ...f, description }));
  const setQuestions = (change: (qs: QuestionForm[]) => QuestionForm[]) => setForm((f) => ({ ...f, questions: change(f.questions) }));
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const err = (href: string) => errors.find((e) => e.href === href)?.text;
  const setQ = (i: number, patch: Partial<QuestionForm>) => setQuestions((qs) => qs.map((q, k) => (k === i ? { ...q, ...patch } : q)));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const parsed = ZAuditTemplateInput.safeParse({
      code: code.trim().toUpperCase(),
      name,
      description,
      questions: questions.map((q, i) => ({ id: `q${i + 1}`, section: q.section, text: q.text, scale: q.scale, guidance: q.guidance })),
    });
    if (!parsed.success) {
      const seen = new Set<string>();
      setErrors(parsed.error.issues.map((i) => fieldOf(i.path, i.message)).filter((x) => (seen.has(x.href) ? false : (seen.add(x.href), true))));
      return;
    }
    setErrors([]);
    try {
      const t = await create.mutateAsync(parsed.data);
      await queryClient.invalidateQueries({ queryKey: api.audits.templates.pathKey() });
      draft.saved();
      void navigate(`/audits/templates/${t.id}`);
    } catch (error) {
      const info = errorInfo(error);
      if (info.code === "CONFLICT") setErrors([{ href: "t-code", text: "A template with this code already exists: choose another code" }]);
      else if (info.fieldErrors.length) setErrors(info.fieldErrors.map((f) => fieldOf(f.path.split("."), f.message)));
      else setProblem(saveProblem(error));
    }
  };

  return (
    <Page title="Create an audit template" caption="Case-file audits">
      <p className="govuk-body">
        <Link className="govuk-link" to="/audits">
          Back to audits
        </Link>
      </p>
      <DraftOfferBanner offer={draft.offer} />
      <ErrorSummary errors={errors} description={problem ?? undefined} />
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Input id="t-code" label="Code" hint="Capital letters, digits and _, for example DA_AUDIT_2027" width={20} value={code} onChange={(e) => setCode(e.target.value)} error={err("t-code")} />
        <Input id="t-name" label="Name" value={name} onChange={(e) => setName(e.target.value)} error={err("t-name")} />
        <Textarea id="t-description" label="Description (optional)" hint="How auditors should use it" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} error={err("t-description")} />
        <h2 className="govuk-heading-m">Questions</h2>
        {questions.map((q, i) => (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={q.key}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s" id={`t-q${i}-legend`}>{`Question ${i + 1}`}</legend>
            <Input id={`t-q${i}-section`} label={`Section of question ${i + 1}`} hint="A heading it sits under, for example Outcomes for children" value={q.section} onChange={(e) => setQ(i, { section: e.target.value })} error={err(`t-q${i}-section`)} />
            <Input id={`t-q${i}-text`} label={`Question ${i + 1}`} value={q.text} onChange={(e) => setQ(i, { text: e.target.value })} error={err(`t-q${i}-text`)} />
            <Select
              id={`t-q${i}-scale`}
              label={`Answer scale of question ${i + 1}`}
              value={q.scale}
              onChange={(e) => setQ(i, { scale: e.target.value })}
              error={err(`t-q${i}-scale`)}
              options={[
                { value: "evidence", label: "Evidence: yes, partly, no, not applicable" },
                { value: "graded", label: "Graded: outstanding, good, requires improvement, inadequate, not applicable" },
              ]}
            />
            <Textarea id={`t-q${i}-guidance`} label={`Guidance for question ${i + 1} (optional)`} rows={2} value={q.guidance} onChange={(e) => setQ(i, { guidance: e.target.value })} error={err(`t-q${i}-guidance`)} />
            {questions.length > 1 ? (
              <Button variant="warning" onClick={() => setQuestions((qs) => qs.filter((_, k) => k !== i))}>
                Remove question {i + 1}
              </Button>
            ) : null}
          </fieldset>
        ))}
        <div className="govuk-button-group">
          <Button id="t-add" variant="secondary" onClick={() => setQuestions((qs) => [...qs, blank(qs[qs.length - 1]?.section ?? "")])} disabled={questions.length >= 100}>
            Add a question
          </Button>
        </div>
        <Button type="submit" disabled={create.isPending}>
          Create the template
        </Button>
      </form>
    </Page>
  );
}
