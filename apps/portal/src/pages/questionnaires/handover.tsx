/**
 * The lock screen of a session handed to a participant (core access/handover.ts): every portal page but the
 * participant's own questionnaire shows it, and the server refuses everything else until the worker's
 * password (checked on the server, throttled like sign-in) unlocks the session. Then the page the worker was
 * taken to is shown, with how many questionnaires the participant saved.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, ErrorSummary, Input, NotificationBanner, Page } from "@evident/ui";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { api, errorInfo } from "../../lib/trpc.js";

export interface Handover {
  personId: string;
  instrumentId: string;
}

/** The participant's page of a hand-over: the lock does not cover it. */
export function isParticipantPage(lock: Handover, location: { pathname: string; search: string }): boolean {
  return location.pathname === `/people/${lock.personId}/questionnaires/answer` && new URLSearchParams(location.search).get("instrument") === lock.instrumentId;
}

/** What the worker sees after unlocking (one message, then gone). */
let unlockedMessage: string | null = null;
export function takeUnlockedMessage(): string | null {
  const m = unlockedMessage;
  unlockedMessage = null;
  return m;
}

export function HandoverLockScreen({ lock }: { lock: Handover }) {
  const queryClient = useQueryClient();
  const unlock = useMutation(api.session.handover.unlock.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get("password") ?? "");
    setError(null);
    setProblem(null);
    if (!password) return setError("Enter your password");
    try {
      const r = await unlock.mutateAsync({ password });
      unlockedMessage = r.saved === 0 ? "Unlocked. The participant did not save any answers." : `Unlocked. The participant's answers were saved (${r.saved} questionnaire${r.saved === 1 ? "" : "s"}).`;
      await queryClient.resetQueries();
    } catch (err) {
      const info = errorInfo(err);
      const field = info.fieldErrors.find((f) => f.path === "password");
      if (field) setError(field.message);
      else setProblem(info.message);
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={error ? [{ href: "unlock-password", text: error }] : []} description={problem ?? undefined} />
        <Page title="This device is locked">
          <NotificationBanner title="Important" heading="This device has been handed to a participant">
            <p className="govuk-body">Only the questionnaire they were given can be used until the worker unlocks it.</p>
          </NotificationBanner>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/people/${lock.personId}/questionnaires/answer?instrument=${encodeURIComponent(lock.instrumentId)}`}>
              Go back to the questionnaire
            </Link>
          </p>
          <h2 className="govuk-heading-m">For the worker</h2>
          <form noValidate onSubmit={(e) => void submit(e)} aria-label="Unlock this device">
            <Input id="unlock-password" name="password" type="password" autoComplete="current-password" label="Your password" hint="The password you sign in to Evident with." error={error ?? undefined} spellCheck={false} />
            <Button type="submit" disabled={unlock.isPending}>
              Unlock and go back to my work
            </Button>
          </form>
        </Page>
      </div>
    </div>
  );
}
