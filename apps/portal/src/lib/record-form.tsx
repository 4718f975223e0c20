/**
 * Shared pieces of the record-the-work forms: the family's children as
 * options, the banner offering a draft kept on this device, the plain
 * message for a failed save, the form state every record form keeps
 * (`useRecordForm`: draft, problem, field errors from the API) and the frame
 * around its fields (`RecordFormFrame`: page heading, error summary, draft
 * banner, conflict message, submit row). (Validation rules are the core's schemas.)
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { applyFieldErrors, Button, DraftOfferBanner, ErrorSummary, NotificationBanner, Page, summaryErrors, useFormDraft, type DraftOffer, type SummaryError } from "@evident/ui";
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

/** The draft of a form that does not use `useRecordForm`: the offer to restore it, as every form shows it. */
export { DraftOfferBanner as DraftBanner } from "@evident/ui";

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
 * submit, then on change: no checks while tabbing through an untouched form), the draft kept on this device
 * as the user types and offered back when the form opens again (`useFormDraft` in @evident/ui), the leave
 * warning while it has unsaved changes, and the problem shown in the error summary. `failed` keeps the typing and
 * explains a failed save: field errors at their fields (`path` renames an API
 * path to a form field), else `otherwise` (return true when it handled the
 * error), else the plain message.
 */
export function useRecordForm<T extends FieldValues>({ key, schema, empty, ids }: { key: string; schema: z.ZodType<T, T>; empty: T; ids: Record<string, string> }) {
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<T>({ shouldFocusError: false, resolver: zodResolver(schema) as unknown as Resolver<T>, defaultValues: empty as DefaultValues<T>, mode: "onSubmit", reValidateMode: "onChange" });
  const draft = useFormDraft(form, key);
  return {
    form,
    errors: form.formState.errors,
    problem,
    setProblem,
    /** After a save that leaves the page: the draft is dropped and the page may be left. */
    dropDraft() {
      draft.saved();
    },
    /** After a save that stays on the page: the draft is dropped and the form starts again. */
    saved() {
      draft.saved();
      form.reset(empty);
    },
    failed(error: unknown, values: T, options: { path?: (path: string) => string; otherwise?: (info: ErrorInfo) => boolean } = {}) {
      draft.keepNow(values);
      explainFailedSave(error, { setError: form.setError, fields: Object.keys(ids), setProblem }, options);
    },
    /** What `RecordFormFrame` shows above the fields. */
    frame: { summary: summaryErrors(form.formState.errors, ids), problem, draft: draft.offer, submitting: form.formState.isSubmitting },
  };
}

export interface RecordFormFrameProps {
  /** The form's accessible name. */
  label: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  summary: SummaryError[];
  problem?: string | null;
  /** A draft kept on this device, offered back (Restore or Discard). */
  draft?: DraftOffer | null;
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
      <DraftOfferBanner offer={draft} />
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
