/**
 * Participant hand-over: a worker hands a tablet to a participant to answer a
 * questionnaire. Their session is locked on the server for that person and
 * questionnaire; while locked, only what the participant's questionnaire
 * needs is allowed, and returning to the worker's view needs the worker's
 * password (apps/api: session.handover.unlock).
 */

export interface HandoverLock {
  personId: string;
  instrumentId: string;
}

/** Calls a locked session may still make: who is signed in, the unlock itself, and the participant's own questionnaire. */
export const HANDOVER_ALLOWED: readonly string[] = ["session.me", "session.handover.unlock", "questionnaires.offer", "questionnaires.responses.create"];

/** The message for any other call while locked. */
export const HANDOVER_REFUSAL = "This device has been handed to a participant. The worker needs to enter their password to go back to their work.";

/** Whether a locked session may make this call: the questionnaire calls only for the locked person and questionnaire. */
export function handoverAllows(lock: HandoverLock, path: string, input: unknown): boolean {
  if (!HANDOVER_ALLOWED.includes(path)) return false;
  if (path === "questionnaires.offer" || path === "questionnaires.responses.create") {
    const i = (input ?? {}) as { personId?: unknown; instrumentId?: unknown };
    return i.personId === lock.personId && i.instrumentId === lock.instrumentId;
  }
  return true;
}
