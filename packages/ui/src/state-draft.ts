/**
 * `useDraft` for a form kept in one `useState` object (forms without
 * react-hook-form): every change away from `initial` (the saved values, which
 * may change after a save) is kept as a draft, and Restore puts the draft back
 * into the state. After a successful save call `saved(next)`: the form shows
 * `next` (by default `initial`, for a form that adds a new item), no draft is
 * kept of it and the page may be left without asking.
 */
import { useEffect, useState } from "react";
import { useDraft } from "./form-draft.js";

/** JSON with object keys in order, so the same values in another key order compare equal. */
export function sameJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

export function useStateDraft<T>(key: string | null, initial: T) {
  const [values, setValues] = useState<T>(initial);
  /** What the form held just after its last save, when that differs from `initial`. */
  const [afterSave, setAfterSave] = useState<string | null>(null);
  const changed = sameJson(values) !== (afterSave ?? sameJson(initial));
  const draft = useDraft<T>(key, { changed, restore: setValues });
  const { keep } = draft;
  useEffect(() => {
    if (changed) keep(values);
  }, [values, changed, keep]);
  const saved = (next: T = initial) => {
    draft.saved();
    setValues(next);
    setAfterSave(sameJson(next));
  };
  return [values, setValues, { offer: draft.offer, keepNow: draft.keepNow, saved }] as const;
}
