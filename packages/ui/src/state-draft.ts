/**
 * `useDraft` for a form kept in one `useState` object (forms without
 * react-hook-form): every change away from `initial` (the saved values, which
 * may change after a save) is kept as a draft, and Restore puts the draft back
 * into the state.
 */
import { useEffect, useState } from "react";
import { useDraft } from "./form-draft.js";

export function useStateDraft<T>(key: string | null, initial: T) {
  const [values, setValues] = useState<T>(initial);
  const changed = JSON.stringify(values) !== JSON.stringify(initial);
  const draft = useDraft<T>(key, { changed, restore: setValues });
  const { keep } = draft;
  useEffect(() => {
    if (changed) keep(values);
  }, [values, changed, keep]);
  return [values, setValues, draft] as const;
}
