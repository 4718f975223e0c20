/**
 * Shared pieces of the record-the-work forms: the family's children as
 * options, the banner for a draft kept after a failed save, the plain
 * message for a failed save, the form state every record form keeps
 * (`useRecordForm`: draft, problem, field errors from the API) and the frame
 * around its fields (`RecordFormFrame`: page heading, error summary, draft
 * banner, conflict message, submit row). (Validation rules are the core's schemas.)
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { applyFieldErrors, Button, drafts, ErrorSummary, NotificationBanner, Page, summaryErrors, type SummaryError } from "@evident/ui";
import { ZDate } from "@evident/core";
import { useState, type FormEventHandler, type ReactNode } from "react";
import { useForm, type DefaultValues, type FieldValues, type Resolver, type UseFormSetError } from "react-hook-form";
import { Link } from "react-router";
import { z } from "zod";
import { errorInfo } from "./trpc.js";
import type { FamilyDetail } from "./shapes.js";

export const todayIso = () => new Date().toISOString().slice(0, 10);

export const requiredDate = (what: string) => z.string().refine((v) => ZDate.safeParse(v).success, { message: `Enter ${what}, for example 27 3 2025` });
export const optionalDate = (what: string) => z.string().refine((v) => v === "" || ZDate.safeParse(v).success, { message: `${what} must be a real date, for example 27 3 2025` });
export const notFuture = (v: string) => !ZDate.safeParse(v).success || v <= todayIso();

export function childOptions(family: FamilyDetail | undefined) {
  return (family?.people ?? []).filter((p) => p.kind === "child").map((p) => ({ value: p.id, label: p.restricted ? "Restricted child" : `${p.firstName} ${p.lastName}` }));
}

/** The message for a save that failed without field errors. What was typed is always kept. */
export function saveProblem(error: unknown): string {
  const info = errorInfo(error);
  if (info.code === "UNAUTHORIZED") return "Your session has ended. Sign in again in another tab; what you typed is kept here.";
  if (info.code === "INTERNAL_SERVER_ERROR" || !info.code) return `This could not be saved. What you typed is kept on this device.${info.requestId ? ` Reference ${info.requestId}.` : ""}`;
  return `${info.message}. What you typed is kept.`;
}

export function DraftBanner({ draftKey, savedAt, onDiscard }: { draftKey: string; savedAt: string; onDiscard: () => void }) {
  return (
    <NotificationBanner title="Important" heading="We kept what you typed when your last save failed">
      <p className="govuk-body">
        Saved on this device at {new Date(savedAt).toLocaleTimeString("en-GB")}.{" "}
        <button
          type="button"
          className="govuk-link"
          style={{ background: "none", border: 0, padding: 0, cursor: "pointer", font: "inherit" }}
          onClick={() => {
            drafts.clear(draftKey);
            onDiscard();
          }}
        >
          Discard these changes
        </button>
      </p>
    </NotificationBanner>
  );
}

type ErrorInfo = ReturnType<typeof errorInfo>;

/**
 * Explains a failed save on a form: the API's field errors at their fields (`path` renames an API path to a
 * form field; errors for fields the form does not have go to the summary), else `otherwise` (return true when
 * it handled the error, e.g. a conflict), else the plain message. Returns the error's details.
 */
export function explainFailedSave<T extends FieldValues>(
  error: unknown,
  target: { setError: UseFormSetError<T>; fields: readonly string[]; setProblem: (problem: string) => void },
  options: { path?: (path: string) => string; otherwise?: (info: ErrorInfo) => boolean } = {},
): ErrorInfo {
  const info = errorInfo(error);
  if (info.fieldErrors.length) {
    const rest = applyFieldErrors(options.path ? info.fieldErrors.map((f) => ({ ...f, path: options.path!(f.path) })) : info.fieldErrors, target.setError, target.fields);
    if (rest.length) target.setProblem(rest.join("; "));
    return info;
  }
  if (!options.otherwise?.(info)) target.setProblem(saveProblem(error));
  return info;
}

/**
 * The state of a record form: react-hook-form with the zod schema (checked on
 * submit, then on change: no checks while tabbing through an untouched form), the draft kept on this device after a failed save,
 * and the problem shown in the error summary. `failed` keeps the typing and
 * explains a failed save: field errors at their fields (`path` renames an API
 * path to a form field), else `otherwise` (return true when it handled the
 * error), else the plain message.
 */
export function useRecordForm<T extends FieldValues>({ key, schema, empty, ids }: { key: string; schema: z.ZodType<T, T>; empty: T; ids: Record<string, string> }) {
  const [draft, setDraft] = useState(() => drafts.load<T>(key));
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<T>({ shouldFocusError: false, resolver: zodResolver(schema) as unknown as Resolver<T>, defaultValues: (draft?.values ?? empty) as DefaultValues<T>, mode: "onSubmit", reValidateMode: "onChange" });
  const restart = () => {
    setDraft(null);
    form.reset(empty);
  };
  return {
    form,
    errors: form.formState.errors,
    problem,
    setProblem,
    /** After a save that leaves the page: the draft is dropped. */
    dropDraft() {
      drafts.clear(key);
    },
    /** After a save that stays on the page: the draft is dropped and the form starts again. */
    saved() {
      drafts.clear(key);
      restart();
    },
    failed(error: unknown, values: T, options: { path?: (path: string) => string; otherwise?: (info: ErrorInfo) => boolean } = {}) {
      drafts.save(key, values);
      explainFailedSave(error, { setError: form.setError, fields: Object.keys(ids), setProblem }, options);
    },
    /** What `RecordFormFrame` shows above the fields. */
    frame: { summary: summaryErrors(form.formState.errors, ids), problem, draft: draft ? { key, savedAt: draft.savedAt, onDiscard: restart } : null, submitting: form.formState.isSubmitting },
  };
}

export interface RecordFormFrameProps {
  /** The form's accessible name. */
  label: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  summary: SummaryError[];
  problem?: string | null;
  draft?: { key: string; savedAt: string; onDiscard: () => void } | null;
  /** Someone else saved first: what they saved is shown, what was typed is kept. */
  conflict?: { heading: string; body: ReactNode } | null;
  submitting: boolean;
  submit: ReactNode;
  submitVariant?: "secondary" | "warning";
  /** A Cancel link beside the button. */
  cancelTo?: string;
  /** A small heading inside the form (forms within a page). */
  heading?: ReactNode;
  /** A whole page for the form: the summary and draft banner above its heading, `intro` under it, `unavailable` instead of the form. */
  page?: { title: string; caption?: ReactNode; intro?: ReactNode; unavailable?: ReactNode };
  /** After the submit row, inside the form. */
  after?: ReactNode;
  children: ReactNode;
}

/** The frame every record form shares: page heading, error summary, draft-restored banner, conflict message, the fields, the submit row. */
export function RecordFormFrame({ label, onSubmit, summary, problem, draft, conflict, submitting, submit, submitVariant, cancelTo, heading, page, after, children }: RecordFormFrameProps) {
  const top = (
    <>
      <ErrorSummary errors={summary} description={problem ?? undefined} />
      {draft ? <DraftBanner draftKey={draft.key} savedAt={draft.savedAt} onDiscard={draft.onDiscard} /> : null}
    </>
  );
  const button = (
    <Button variant={submitVariant} type="submit" disabled={submitting}>
      {submit}
    </Button>
  );
  const form = (
    <form noValidate onSubmit={onSubmit} aria-label={label}>
      {heading ? <h3 className="govuk-heading-s">{heading}</h3> : null}
      {conflict ? <NotificationBanner heading={conflict.heading}>{conflict.body}</NotificationBanner> : null}
      {page ? null : top}
      {children}
      {cancelTo ? (
        <div className="govuk-button-group">
          {button}
          <Link className="govuk-link" to={cancelTo}>
            Cancel
          </Link>
        </div>
      ) : (
        button
      )}
      {after}
    </form>
  );
  if (!page) return form;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {top}
        <Page title={page.title} caption={page.caption}>
          {page.intro}
          {page.unavailable ?? form}
        </Page>
      </div>
    </div>
  );
}
