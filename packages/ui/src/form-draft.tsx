/**
 * Drafts and the leave warning, for every form (one implementation for both
 * front ends):
 * - `useDraft(key, …)` keeps what is typed on this device (drafts.ts: scoped to
 *   the signed-in user, no secrets, 24-hour expiry, cleared at sign-out), half a
 *   second after the last keystroke (at once if the form closes or the page unloads), and offers a kept draft back when the form
 *   opens again (`DraftOfferBanner`: Restore or Discard). A successful save
 *   clears it (`saved()`).
 * - `useFormDraft(form, key)` is the same for a react-hook-form form.
 * - `useLeaveGuard(changed)` registers a changed form; `LeaveGuard` (in the
 *   app shell, one per app) asks before in-app navigation (an in-page
 *   confirmation, confirm.tsx) or a reload (the browser's own question) while any registered form is changed,
 *   and never after its save (`release()`).
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { useBlocker } from "react-router";
import { drafts } from "./drafts.js";
import { ConfirmDialog } from "./confirm.js";
import { NotificationBanner } from "./layout.js";

/** The browser's own question on a reload or closing the tab (the only place a browser dialog remains: no page can replace it). */
export const LEAVE_MESSAGE = "You have unsaved changes. Leave this page?";
/** The in-page question before leaving a changed form by the app's own links. */
export const LEAVE_HEADING = "You have unsaved changes";
export const LEAVE_BODY = "If you leave this page, what you typed is kept as a draft on this device for 24 hours.";

/** The forms on screen with unsaved changes (by hook id). */
const changedForms = new Set<string>();

/** Whether any form on screen has unsaved changes. */
export function hasUnsavedChanges(): boolean {
  return changedForms.size > 0;
}

/** Registers a form's unsaved changes for `LeaveGuard`; `release()` after a save lets the page go without asking. */
export function useLeaveGuard(changed: boolean): { release: () => void } {
  const id = useId();
  const released = useRef(false);
  useEffect(() => {
    if (!changed) released.current = false;
    if (changed && !released.current) changedForms.add(id);
    else changedForms.delete(id);
    return () => void changedForms.delete(id);
  }, [changed, id]);
  const release = useCallback(() => {
    released.current = true;
    changedForms.delete(id);
  }, [id]);
  return { release };
}

/** Mounted once inside the router (the app shell): asks before leaving a page with unsaved changes. */
export function LeaveGuard() {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      e.preventDefault();
      e.returnValue = LEAVE_MESSAGE;
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, []);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => hasUnsavedChanges() && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search));
  if (blocker.state !== "blocked") return null;
  return (
    <ConfirmDialog
      heading={LEAVE_HEADING}
      body={LEAVE_BODY}
      yes="Leave this page"
      no="Stay on this page"
      onAnswer={(yes) => {
        if (yes) {
          changedForms.clear();
          blocker.proceed?.();
        } else blocker.reset?.();
      }}
    />
  );
}

export interface DraftOffer {
  savedAt: string;
  restore: () => void;
  discard: () => void;
}

/**
 * A form's draft: `keep(values)` as the user types (saved after `delay` ms of quiet), the draft found when the
 * form opened offered back (`offer`), `saved()` after a successful save. `key` null keeps nothing (e.g. while loading).
 */
export function useDraft<T>(key: string | null, { changed, restore, delay = 500 }: { changed: boolean; restore: (values: T) => void; delay?: number }) {
  const [found, setFound] = useState(() => (key ? drafts.load<T>(key) : null));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const guard = useLeaveGuard(changed);
  const lastKey = useRef(key);
  useEffect(() => {
    if (key === lastKey.current) return;
    lastKey.current = key;
    setFound(key ? drafts.load<T>(key) : null);
  }, [key]);
  /** Values typed but not yet kept (the half-second wait): kept at once if the form goes away or the page unloads. */
  const pending = useRef<{ key: string; values: T } | null>(null);
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (pending.current) drafts.save(pending.current.key, pending.current.values);
    pending.current = null;
  }, []);
  useEffect(() => {
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [flush]);
  const keep = useCallback(
    (values: T) => {
      if (!key) return;
      clearTimeout(timer.current);
      pending.current = { key, values };
      timer.current = setTimeout(flush, delay);
    },
    [key, delay, flush],
  );
  const drop = () => {
    clearTimeout(timer.current);
    pending.current = null;
  };
  const offer: DraftOffer | null = found
    ? {
        savedAt: found.savedAt,
        restore: () => {
          restore(found.values);
          setFound(null);
        },
        discard: () => {
          drop();
          if (key) drafts.clear(key);
          setFound(null);
        },
      }
    : null;
  return {
    keep,
    /** Keeps `values` at once (e.g. when a save fails). */
    keepNow(values: T) {
      drop();
      if (key) drafts.save(key, values);
    },
    offer,
    /** After a successful save: the draft is removed and the page may be left without asking. */
    saved() {
      drop();
      if (key) drafts.clear(key);
      setFound(null);
      guard.release();
    },
  };
}

/** `useDraft` for a react-hook-form form: every change is kept; Restore puts the draft into the form (still marked changed). */
export function useFormDraft<T extends FieldValues>(form: UseFormReturn<T>, key: string | null, options: { delay?: number } = {}) {
  const changed = form.formState.isDirty;
  const draft = useDraft<T>(key, { changed, restore: (values) => form.reset(values, { keepDefaultValues: true }), ...options });
  const { keep } = draft;
  useEffect(() => {
    const sub = form.watch((_values, info) => {
      if (info.name !== undefined) keep(form.getValues());
    });
    return () => sub.unsubscribe();
  }, [form, keep]);
  return draft;
}

/** "10:42", or "5 December at 10:42" for a draft from another day. */
export function draftTime(savedAt: string, now = new Date()): string {
  const at = new Date(savedAt);
  const time = at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return at.toDateString() === now.toDateString() ? time : `${at.toLocaleDateString("en-GB", { day: "numeric", month: "long" })} at ${time}`;
}

/** "You have an unsaved draft from 10:42" with Restore and Discard (GOV.UK notification banner). */
export function DraftOfferBanner({ offer }: { offer: DraftOffer | null | undefined }) {
  if (!offer) return null;
  return (
    <NotificationBanner title="Important" heading={`You have an unsaved draft from ${draftTime(offer.savedAt)}`}>
      <p className="govuk-body">It is kept on this device only, for 24 hours.</p>
      <div className="govuk-button-group govuk-!-margin-bottom-0">
        <button type="button" className="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button" onClick={offer.restore}>
          Restore draft
        </button>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" onClick={offer.discard}>
          Discard draft
        </button>
      </div>
    </NotificationBanner>
  );
}
