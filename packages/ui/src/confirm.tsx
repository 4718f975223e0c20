/**
 * An in-page confirmation, in place of the browser's `confirm()` (issue #17: no browser dialogs). A GOV.UK
 * warning panel over the page with the question and two buttons; it takes focus when it opens, Escape
 * answers "no", and focus returns where it was. `useConfirm()` gives any component an `ask()` that
 * resolves true or false.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { WarningText } from "./layout.js";

export interface ConfirmOptions {
  /** The question, e.g. "You have unsaved changes". */
  heading: string;
  /** What happens if they go on. */
  body?: ReactNode;
  /** The button that goes on, e.g. "Leave this page" or "Delete this record". */
  yes: string;
  /** The button that stays, e.g. "Stay on this page". */
  no: string;
  /** A destructive action: the yes button is red. */
  warning?: boolean;
}

export function ConfirmDialog({ heading, body, yes, no, warning, onAnswer }: ConfirmOptions & { onAnswer: (yes: boolean) => void }) {
  const headingId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="app-confirm-backdrop">
      <div
        className="app-confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={headingId}
        tabIndex={-1}
        ref={ref}
        onKeyDown={(e) => {
          if (e.key === "Escape") onAnswer(false);
        }}
      >
        <h2 className="govuk-heading-m" id={headingId}>
          {heading}
        </h2>
        {body ? <WarningText>{body}</WarningText> : null}
        <div className="govuk-button-group govuk-!-margin-bottom-0">
          <button type="button" className={`govuk-button govuk-!-margin-bottom-0${warning ? " govuk-button--warning" : ""}`} data-module="govuk-button" onClick={() => onAnswer(true)}>
            {yes}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" onClick={() => onAnswer(false)}>
            {no}
          </button>
        </div>
      </div>
    </div>
  );
}

/** `ask(options)` shows the confirmation and resolves with the answer; render `dialog` somewhere in the component. */
export function useConfirm(): { ask: (options: ConfirmOptions) => Promise<boolean>; dialog: ReactNode } {
  const [open, setOpen] = useState<{ options: ConfirmOptions; resolve: (yes: boolean) => void } | null>(null);
  const ask = useCallback((options: ConfirmOptions) => new Promise<boolean>((resolve) => setOpen({ options, resolve })), []);
  const dialog = open ? (
    <ConfirmDialog
      {...open.options}
      onAnswer={(yes) => {
        open.resolve(yes);
        setOpen(null);
      }}
    />
  ) : null;
  return { ask, dialog };
}
