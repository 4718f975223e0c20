/**
 * Author an onboarding module: its Markdown content with a preview (rendered
 * exactly as learners see it, raw HTML skipped), its quiz (questions, options,
 * the correct option, explanation, pass mark) and its acknowledgement. The
 * form is checked with the core's `ZModuleAuthoring` before it is sent; each
 * save makes a new version, and a save from a stale version is refused
 * (someone else saved first): the typing is kept and their version is shown.
 * Completions already recorded keep the version they were taken against.
 */
import { ZModuleAuthoring, type TModuleAuthoring } from "@evident/core";
import { Button, DraftOfferBanner, ErrorSummary, Input, NotificationBanner, Textarea, useStateDraft, type SummaryError } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { api, errorInfo, type RouterOutputs } from "../lib/trpc.js";
import { ModuleMarkdown } from "./markdown.js";

type Authoring = RouterOutputs["training"]["modules"]["authoring"];

interface QuestionForm {
  key: number;
  prompt: string;
  explanation: string;
  options: string[];
  correct: number | null;
}
interface Form {
  title: string;
  content: string;
  minutes: string;
  requiresAck: boolean;
  ackText: string;
  hasQuiz: boolean;
  passMark: string;
  questions: QuestionForm[];
}

let nextKey = 1;
const blankQuestion = (): QuestionForm => ({ key: nextKey++, prompt: "", explanation: "", options: ["", ""], correct: null });

function toForm(m: TModuleAuthoring): Form {
  return {
    title: m.title,
    content: m.content,
    minutes: String(m.estimatedMinutes),
    requiresAck: m.requiresAcknowledgement,
    ackText: m.acknowledgementText,
    hasQuiz: !!m.quiz,
    passMark: m.quiz ? String(m.quiz.passMarkPercent) : "80",
    questions: m.quiz ? m.quiz.questions.map((q) => ({ key: nextKey++, prompt: q.prompt, explanation: q.explanation, options: q.options.map((o) => o.text), correct: q.options.findIndex((o) => o.correct) })) : [blankQuestion()],
  };
}

/** The form as the core's authoring schema takes it (numbers left as typed, so the schema reports them). */
function fromForm(f: Form): unknown {
  return {
    title: f.title,
    content: f.content,
    estimatedMinutes: /^\d+$/.test(f.minutes.trim()) ? Number(f.minutes) : NaN,
    requiresAcknowledgement: f.requiresAck,
    acknowledgementText: f.requiresAck ? f.ackText : "",
    quiz: f.hasQuiz
      ? {
          passMarkPercent: /^\d+$/.test(f.passMark.trim()) ? Number(f.passMark) : NaN,
          questions: f.questions.map((q) => ({ prompt: q.prompt, explanation: q.explanation, options: q.options.map((text, i) => ({ text, correct: i === q.correct })) })),
        }
      : null,
  };
}

/** Where on the page a schema path points, and what to tell the author. */
function fieldOf(path: readonly PropertyKey[], message: string, f: Form): SummaryError {
  const [a, b, c, d, e, g] = path.map(String);
  if (a === "title") return { href: "title", text: /expected string to have >=1/.test(message) ? "Enter the module title" : `Title: ${message}` };
  if (a === "content") return { href: "content", text: "Write the module's content" };
  if (a === "estimatedMinutes") return { href: "minutes", text: "Enter the time it takes as a whole number of minutes, from 1 to 600" };
  if (a === "acknowledgementText") return { href: "ack-text", text: "Write what the learner acknowledges" };
  if (a === "quiz" && b === "passMarkPercent") return { href: "pass-mark", text: "Enter the pass mark as a whole number from 0 to 100" };
  if (a === "quiz" && b === "questions" && c === undefined) return { href: "add-question", text: "Add at least 1 question, or choose no quiz" };
  if (a === "quiz" && b === "questions") {
    const n = Number(c) + 1;
    if (d === "prompt") return { href: `q${c}-prompt`, text: `Write question ${n}` };
    if (d === "explanation") return { href: `q${c}-explanation`, text: `Question ${n}'s explanation: ${message}` };
    if (d === "options" && e !== undefined && g === "text") return { href: `q${c}-opt${e}`, text: /twice/.test(message) ? `Question ${n}, option ${Number(e) + 1}: the same option is given twice` : `Write option ${Number(e) + 1} of question ${n}, or remove it` };
    if (d === "options") {
      const q = f.questions[Number(c)];
      if (q && q.options.length < 2) return { href: `q${c}-opt0`, text: `Give question ${n} at least 2 options` };
      return { href: `q${c}-correct`, text: /only one/.test(message) ? `Mark only one option of question ${n} as correct` : `Choose the correct option of question ${n}` };
    }
  }
  return { href: "title", text: `${path.join(".")}: ${message}` };
}

function check(f: Form): { errors: SummaryError[]; module: TModuleAuthoring | null } {
  const r = ZModuleAuthoring.safeParse(fromForm(f));
  if (r.success) return { errors: [], module: r.data };
  const seen = new Set<string>();
  const errors = r.error.issues.map((i) => fieldOf(i.path, i.message, f)).filter((e) => (seen.has(e.href) ? false : (seen.add(e.href), true)));
  return { errors, module: null };
}

export default function ModuleEditPage() {
  const { id = "" } = useParams();
  const q = useQuery(api.training.modules.authoring.queryOptions({ id }));
  if (q.isPending) return <Loading what="Loading the module" />;
  if (q.isError) return <QueryError error={q.error} what="The module" />;
  return <ModuleForm key={q.data.id} data={q.data} />;
}

function ModuleForm({ data }: { data: Authoring }) {
  const queryClient = useQueryClient();
  const [form, setForm, draft] = useStateDraft<Form>(`training-module:${data.id}`, toForm(data.module));
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [conflict, setConflict] = useState<Authoring | null>(null);
  const version = useRef(data.version);
  const save = useMutation(api.training.modules.save.mutationOptions());
  const err = (href: string) => errors.find((e) => e.href === href)?.text;
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const setQ = (i: number, patch: Partial<QuestionForm>) => setForm((f) => ({ ...f, questions: f.questions.map((q, k) => (k === i ? { ...q, ...patch } : q)) }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setSaved(null);
    const checked = check(form);
    setErrors(checked.errors);
    if (!checked.module) return;
    try {
      const out = await save.mutateAsync({ id: data.id, version: version.current, module: checked.module });
      version.current = out.version;
      setConflict(null);
      setSaved(out.version);
      draft.saved(form);
      queryClient.setQueryData(api.training.modules.authoring.queryKey({ id: data.id }), out);
      await queryClient.invalidateQueries({ queryKey: api.training.modules.list.queryKey() });
      await queryClient.invalidateQueries({ queryKey: api.training.my.pathKey() });
    } catch (error) {
      const info = errorInfo(error);
      if (info.code === "CONFLICT") {
        const latest = await queryClient.fetchQuery({ ...api.training.modules.authoring.queryOptions({ id: data.id }), staleTime: 0 });
        version.current = latest.version;
        setConflict(latest);
        return;
      }
      if (info.fieldErrors.length) {
        setErrors(info.fieldErrors.map((f) => fieldOf(f.path.replace(/^module\./, "").split("."), f.message, form)));
        return;
      }
      setProblem(info.code === "UNAUTHORIZED" ? "Your session has ended. Sign in again in another tab; what you typed is kept here." : `${info.message}${info.requestId ? ` (reference ${info.requestId})` : ""}`);
    }
  };

  const earlier = data.completionsByVersion.filter((c) => c.version < version.current).reduce((n, c) => n + c.count, 0);
  return (
    <Page title={`Edit module: ${data.module.title}`} caption="Onboarding modules">
      <p className="govuk-body">
        <Link className="govuk-link" to="/modules">
          Back to onboarding modules
        </Link>
      </p>
      {saved ? (
        <NotificationBanner type="success" heading={`Module saved as version ${saved}`} focusOnMount>
          <p className="govuk-body">Learners now see this version. Completions already recorded keep the version they were taken against.</p>
        </NotificationBanner>
      ) : null}
      {conflict ? (
        <NotificationBanner title="Important" heading={`Someone else saved this module (now version ${conflict.version}) while you were editing`} focusOnMount>
          <p className="govuk-body">Your changes have not been saved, and nothing you typed has been lost. They saved {conflict.module.quiz ? `a quiz of ${conflict.module.quiz.questions.length} questions with a pass mark of ${conflict.module.quiz.passMarkPercent}%` : "no quiz"}, titled “{conflict.module.title}”.</p>
          <p className="govuk-body">Save again to replace their version with yours, or reload the page to start from theirs.</p>
        </NotificationBanner>
      ) : null}
      <DraftOfferBanner offer={draft.offer} />
      <ErrorSummary errors={errors} description={problem ?? undefined} />
      <p className="govuk-body" data-testid="module-version">
        Version {version.current}
        {data.authored ? "" : " (from the built-in catalogue)"}.{" "}
        {data.completionsByVersion.length ? `Completions: ${data.completionsByVersion.map((c) => `${c.count} on version ${c.version}`).join(", ")}.` : "No one has completed it yet."}
        {earlier ? " Those stay recorded against the version they took." : ""}
      </p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Input id="title" label="Title" labelSize="s" value={form.title} onChange={(e) => set({ title: e.target.value })} error={err("title")} />
        <Input id="minutes" label="Time to complete, in minutes" labelSize="s" width={4} inputMode="numeric" value={form.minutes} onChange={(e) => set({ minutes: e.target.value })} error={err("minutes")} />
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Textarea id="content" label="Content" labelSize="s" hint="Markdown: # for headings, **bold**, - for lists, [text](https://…) for links. HTML is not shown." rows={18} value={form.content} onChange={(e) => set({ content: e.target.value })} error={err("content")} />
          </div>
          <div className="govuk-grid-column-one-half">
            <section aria-labelledby="preview-heading" className="app-preview">
              <h2 className="govuk-heading-s" id="preview-heading">
                Preview
              </h2>
              <div data-testid="preview">
                <ModuleMarkdown content={form.content} title={form.title} />
              </div>
            </section>
          </div>
        </div>

        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 className="govuk-fieldset__heading">Quiz</h2>
            </legend>
            <div className="govuk-checkboxes govuk-checkboxes--small">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="has-quiz" type="checkbox" checked={form.hasQuiz} onChange={(e) => set({ hasQuiz: e.target.checked })} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="has-quiz">
                  This module has a quiz
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        {form.hasQuiz ? (
          <>
            <Input id="pass-mark" label="Pass mark (per cent of questions answered correctly)" labelSize="s" width={3} inputMode="numeric" value={form.passMark} onChange={(e) => set({ passMark: e.target.value })} error={err("pass-mark")} />
            {form.questions.map((q, i) => (
              <fieldset className="govuk-fieldset govuk-!-margin-bottom-6 app-question" key={q.key}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s" id={`q${i}-legend`}>{`Question ${i + 1}`}</legend>
                <Input id={`q${i}-prompt`} label={`Question ${i + 1}`} value={q.prompt} onChange={(e) => setQ(i, { prompt: e.target.value })} error={err(`q${i}-prompt`)} />
                {q.options.map((o, k) => (
                  <div key={k} className="app-option">
                    <Input id={`q${i}-opt${k}`} label={`Question ${i + 1}, option ${k + 1}`} value={o} onChange={(e) => setQ(i, { options: q.options.map((x, j) => (j === k ? e.target.value : x)) })} error={err(`q${i}-opt${k}`)} />
                    {q.options.length > 2 ? (
                      <Button variant="secondary" className="govuk-!-margin-bottom-4" onClick={() => setQ(i, { options: q.options.filter((_, j) => j !== k), correct: q.correct === k ? null : q.correct !== null && q.correct > k ? q.correct - 1 : q.correct })}>
                        Remove option {k + 1}
                        <span className="govuk-visually-hidden"> of question {i + 1}</span>
                      </Button>
                    ) : null}
                  </div>
                ))}
                {q.options.length < 6 ? (
                  <Button variant="secondary" onClick={() => setQ(i, { options: [...q.options, ""] })}>
                    Add an option<span className="govuk-visually-hidden"> to question {i + 1}</span>
                  </Button>
                ) : null}
                <div className={`govuk-form-group${err(`q${i}-correct`) ? " govuk-form-group--error" : ""}`}>
                  <fieldset className="govuk-fieldset" aria-describedby={err(`q${i}-correct`) ? `q${i}-correct-error` : undefined}>
                    <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{`Correct option for question ${i + 1}`}</legend>
                    {err(`q${i}-correct`) ? (
                      <p id={`q${i}-correct-error`} className="govuk-error-message">
                        <span className="govuk-visually-hidden">Error:</span> {err(`q${i}-correct`)}
                      </p>
                    ) : null}
                    <div className="govuk-radios govuk-radios--small govuk-radios--inline">
                      {q.options.map((o, k) => (
                        <div className="govuk-radios__item" key={k}>
                          <input className="govuk-radios__input" id={k === 0 ? `q${i}-correct` : `q${i}-correct-${k}`} name={`q${i}-correct`} type="radio" checked={q.correct === k} onChange={() => setQ(i, { correct: k })} />
                          <label className="govuk-label govuk-radios__label" htmlFor={k === 0 ? `q${i}-correct` : `q${i}-correct-${k}`}>
                            {`Option ${k + 1}`}
                            {o.trim() ? <span className="govuk-visually-hidden">{`: ${o}`}</span> : null}
                          </label>
                        </div>
                      ))}
                    </div>
                  </fieldset>
                </div>
                <Textarea id={`q${i}-explanation`} label={`Explanation shown after question ${i + 1} is answered (optional)`} rows={2} value={q.explanation} onChange={(e) => setQ(i, { explanation: e.target.value })} error={err(`q${i}-explanation`)} />
                {form.questions.length > 1 ? (
                  <Button variant="warning" onClick={() => set({ questions: form.questions.filter((_, k) => k !== i) })}>
                    Remove question {i + 1}
                  </Button>
                ) : null}
              </fieldset>
            ))}
            <Button id="add-question" variant="secondary" onClick={() => set({ questions: [...form.questions, blankQuestion()] })} disabled={form.questions.length >= 50}>
              Add a question
            </Button>
          </>
        ) : null}

        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 className="govuk-fieldset__heading">Acknowledgement</h2>
            </legend>
            <div className="govuk-checkboxes govuk-checkboxes--small">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="requires-ack" type="checkbox" checked={form.requiresAck} onChange={(e) => set({ requiresAck: e.target.checked })} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="requires-ack">
                  Learners must confirm they have read the module
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        {form.requiresAck ? <Input id="ack-text" label="What the learner confirms" value={form.ackText} onChange={(e) => set({ ackText: e.target.value })} error={err("ack-text")} /> : null}

        <Button type="submit" disabled={save.isPending}>
          Save as a new version
        </Button>
      </form>
    </Page>
  );
}
