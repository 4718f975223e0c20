import { useEffect, useRef, useState, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { cx, describedBy } from "./util.js";

export function Button({ variant, className, type = "button", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "secondary" | "warning" | "inverse" }) {
  return <button type={type} className={cx("govuk-button", variant && `govuk-button--${variant}`, className)} data-module="govuk-button" {...props} />;
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  );
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="govuk-hint">
      {children}
    </div>
  );
}

type FieldProps = { id: string; label: ReactNode; hint?: ReactNode; error?: string | undefined; labelSize?: "s" | "m" | "l" };

/** The label, hint and error around one control: the markup every single-control field shares. */
function FieldFrame({ id, label, hint, error, labelSize, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={cx("govuk-form-group", error && "govuk-form-group--error")}>
      <label className={cx("govuk-label", labelSize && `govuk-label--${labelSize}`)} htmlFor={id}>
        {label}
      </label>
      {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      {children}
    </div>
  );
}

export function Input({ id, label, hint, error, labelSize, className, ref, width, ...props }: FieldProps & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement>; width?: 2 | 3 | 4 | 5 | 10 | 20 | 30 }) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} labelSize={labelSize}>
      <input
        ref={ref}
        id={id}
        className={cx("govuk-input", width && `govuk-input--width-${width}`, error && "govuk-input--error", className)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        type="text"
        {...props}
      />
    </FieldFrame>
  );
}

export function Textarea({ id, label, hint, error, labelSize, ref, ...props }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} labelSize={labelSize}>
      <textarea ref={ref} id={id} rows={4} className={cx("govuk-textarea", error && "govuk-textarea--error")} aria-describedby={describedBy(id, hint, error)} {...props} />
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select({ id, label, hint, error, labelSize, options, ref, ...props }: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: Option[]; ref?: Ref<HTMLSelectElement> }) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} labelSize={labelSize}>
      <select ref={ref} id={id} className={cx("govuk-select", error && "govuk-select--error")} aria-describedby={describedBy(id, hint, error)} {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

function Fieldset({ id, legend, legendSize = "s", hint, error, children }: { id: string; legend: ReactNode; legendSize?: "s" | "m" | "l"; hint?: ReactNode; error?: string | undefined; children: ReactNode }) {
  return (
    <div className={cx("govuk-form-group", error && "govuk-form-group--error")}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
        {children}
      </fieldset>
    </div>
  );
}

export interface ChoiceItem {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

type ChoiceInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "id" | "value"> & { ref?: Ref<HTMLInputElement> };

type ChoicesProps = {
  id: string;
  legend: ReactNode;
  legendSize?: "s" | "m" | "l";
  hint?: ReactNode;
  error?: string | undefined;
  items: ChoiceItem[];
  small?: boolean;
  inputProps: ChoiceInputProps;
};

/** Radios or checkboxes in their fieldset: the first input gets `id`, so an error summary can link to it. */
function Choices({ kind, id, legend, legendSize, hint, error, items, inline, small, inputProps }: ChoicesProps & { kind: "radios" | "checkboxes"; inline?: boolean }) {
  return (
    <Fieldset id={id} legend={legend} legendSize={legendSize} hint={hint} error={error}>
      <div className={cx(`govuk-${kind}`, inline && `govuk-${kind}--inline`, small && `govuk-${kind}--small`)}>
        {items.map((item, i) => {
          const itemId = i === 0 ? id : `${id}-${i + 1}`;
          return (
            <div className={`govuk-${kind}__item`} key={item.value}>
              <input className={`govuk-${kind}__input`} id={itemId} type={kind === "radios" ? "radio" : "checkbox"} value={item.value} aria-describedby={item.hint ? `${itemId}-item-hint` : undefined} {...inputProps} />
              <label className={`govuk-label govuk-${kind}__label`} htmlFor={itemId}>
                {item.label}
              </label>
              {item.hint ? (
                <div id={`${itemId}-item-hint`} className={`govuk-hint govuk-${kind}__hint`}>
                  {item.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

/**
 * Radios. `inputProps` are spread on every radio (e.g. react-hook-form's
 * `register("track")`); the first radio gets `id` so an error summary can
 * link to it.
 */
export function Radios(props: ChoicesProps & { inline?: boolean }) {
  return <Choices kind="radios" {...props} />;
}

export function Checkboxes(props: ChoicesProps) {
  return <Choices kind="checkboxes" {...props} />;
}

function splitIso(value: string | null | undefined): { day: string; month: string; year: string } {
  const m = /^(\d*)-(\d*)-(\d*)$/.exec(value ?? "");
  if (!m) return { day: "", month: "", year: "" };
  return { year: m[1] ?? "", month: m[2] ?? "", day: m[3] ?? "" };
}

/**
 * GOV.UK date input (day, month, year). The value is "YYYY-MM-DD" once all
 * three parts are filled in; partial input is passed on as-is (e.g.
 * "2020--3") so validation can say what is wrong; empty is "".
 */
export function DateInput({ id, legend, legendSize, hint, error, value, onChange, onBlur }: {
  id: string;
  legend: ReactNode;
  legendSize?: "s" | "m" | "l";
  hint?: ReactNode;
  error?: string | undefined;
  value: string | null | undefined;
  onChange: (value: string) => void;
  onBlur?: () => void;
}) {
  const [parts, setParts] = useState(() => splitIso(value));
  const last = useRef(value);
  useEffect(() => {
    if (value !== last.current) {
      last.current = value;
      setParts(splitIso(value));
    }
  }, [value]);
  const update = (key: "day" | "month" | "year", v: string) => {
    const next = { ...parts, [key]: v.trim() };
    setParts(next);
    const empty = !next.day && !next.month && !next.year;
    const pad = (s: string) => (s.length === 1 ? `0${s}` : s);
    const out = empty ? "" : `${next.year}-${pad(next.month)}-${pad(next.day)}`;
    last.current = out;
    onChange(out);
  };
  const field = (key: "day" | "month" | "year", label: string, width: 2 | 4) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={key === "day" ? id : `${id}-${key}`}>
          {label}
        </label>
        <input
          className={cx("govuk-input govuk-date-input__input", `govuk-input--width-${width}`, error && "govuk-input--error")}
          id={key === "day" ? id : `${id}-${key}`}
          name={`${id}-${key}`}
          type="text"
          inputMode="numeric"
          value={parts[key]}
          onChange={(e) => update(key, e.target.value)}
          onBlur={onBlur}
        />
      </div>
    </div>
  );
  return (
    <Fieldset id={id} legend={legend} legendSize={legendSize} hint={hint} error={error}>
      <div className="govuk-date-input" role="group">
        {field("day", "Day", 2)}
        {field("month", "Month", 2)}
        {field("year", "Year", 4)}
      </div>
    </Fieldset>
  );
}

export interface SummaryError {
  /** The id of the field to move to, without '#'. */
  href: string;
  text: string;
}

/*
 * When the error summary takes focus — one rule for every form (the GOV.UK
 * pattern): only when a submit fails. A document-wide listener notes each
 * submit; the summary that belongs to that form takes focus the next time it
 * shows something, once. Typing after that (validation on change) updates the
 * messages and never moves focus, and any typing cancels a pending submit, so
 * a late answer from the server cannot pull focus away from a field either.
 * Actions that are not form submits (a Run or Save button) fail with a
 * `description`: the summary takes focus when a new one appears.
 */
let pendingSubmit: HTMLFormElement | null = null;
let listening = false;
function listenForSubmits() {
  if (listening || typeof document === "undefined") return;
  listening = true;
  document.addEventListener("submit", (e) => (pendingSubmit = e.target instanceof HTMLFormElement ? e.target : null), true);
  document.addEventListener("input", () => (pendingSubmit = null), true);
}
// At load, so that a summary rendered only after the first failure still knows about that submit.
listenForSubmits();

/** Whether this summary reports on `form`: inside it, linking to its fields, or standing just before it. */
function reportsOn(summary: HTMLElement, form: HTMLFormElement, errors: SummaryError[]): boolean {
  if (!form.isConnected) return false;
  if (form.contains(summary)) return true;
  const targets = errors.map((e) => document.getElementById(e.href)).filter((el): el is HTMLElement => el !== null);
  if (targets.length) return targets.some((el) => form.contains(el));
  if (summary.closest("form")) return false;
  for (let next = summary.nextElementSibling; next; next = next.nextElementSibling) {
    if (next === form || next.contains(form)) return true;
    if (next.tagName === "FORM" || next.querySelector("form")) return false;
  }
  return !summary.parentElement?.querySelector("form") || summary.parentElement.contains(form);
}

/**
 * The error summary: shown at the top of the page, each error a link that
 * moves focus to its field. It takes focus only when a submit fails (or an
 * action fails with a new `description`), never while someone is typing.
 */
export function ErrorSummary({ errors, title = "There is a problem", description }: { errors: SummaryError[]; title?: string; description?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const lastDescription = useRef<ReactNode>(undefined);
  useEffect(() => {
    const el = ref.current;
    const described = description || undefined;
    const newDescription = described !== undefined && (typeof described === "string" ? described !== lastDescription.current : lastDescription.current === undefined);
    lastDescription.current = described;
    if (!el) return;
    let focus = newDescription;
    if (pendingSubmit && reportsOn(el, pendingSubmit, errors)) {
      pendingSubmit = null;
      focus = true;
    }
    if (focus) el.focus();
  });
  if (errors.length === 0 && !description) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          {description ? <p>{description}</p> : null}
          {errors.length > 0 ? (
            <ul className="govuk-list govuk-error-summary__list">
              {errors.map((e) => (
                <li key={e.href + e.text}>
                  <a
                    href={`#${e.href}`}
                    onClick={(ev) => {
                      const el = document.getElementById(e.href);
                      if (el) {
                        ev.preventDefault();
                        el.scrollIntoView({ block: "center" });
                        el.focus();
                      }
                    }}
                  >
                    {e.text}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </div>
  );
}
