/**
 * The sign-in form both front ends show: email and password, field errors
 * in the GOV.UK pattern, better-auth's refusals (wrong password, locked,
 * rate-limited, demo login refused) in plain words, and a "signed out" banner.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { Link, useLocation } from "react-router";
import { z } from "zod";
import { summaryErrors } from "./form-state.js";
import { Button, ErrorSummary, Input } from "./forms.js";
import { NotificationBanner } from "./layout.js";
import { Page } from "./page.js";
import { signIn } from "./session.js";

const ZSignIn = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254).email("Enter an email address in the correct format, like name@example.org"),
  password: z.string().min(1, "Enter your password").max(128, "Password must be 128 characters or fewer"),
});
type TSignIn = z.infer<typeof ZSignIn>;

/** Single sign-on refusals (better-auth's `error` on the way back), in plain words. */
export function ssoProblem(error: string | null): string | null {
  if (!error) return null;
  if (error === "signup_disabled" || error === "account_not_linked" || error === "email_not_verified") {
    return "There is no Evident account for the email address of the account you signed in with. Ask your administrator to invite you with that address.";
  }
  if (error === "unable_to_create_session") return "You cannot sign in: your Evident account is disabled. Ask your administrator.";
  return "Single sign-on did not work. Try again, or sign in with your email address and password.";
}

type SsoOptions = { enabled: false } | { enabled: true; providerId: string; label: string };

function SingleSignOn() {
  const [sso, setSso] = useState<SsoOptions>({ enabled: false });
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    fetch("/api/sso", { credentials: "same-origin", headers: { accept: "application/json" } })
      .then((r) => (r.ok ? (r.json() as Promise<SsoOptions>) : { enabled: false as const }))
      .then(setSso)
      .catch(() => setSso({ enabled: false }));
  }, []);
  if (!sso.enabled) return null;
  const go = async () => {
    setProblem(null);
    const here = window.location.origin + window.location.pathname;
    const res = await fetch("/api/auth/sign-in/social", {
      method: "POST",
      credentials: "include",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ provider: sso.providerId, callbackURL: here.replace(/sign-in\/?$/, ""), errorCallbackURL: here }),
    }).catch(() => null);
    const body = res?.ok ? ((await res.json()) as { url?: string }) : null;
    if (body?.url) window.location.assign(body.url);
    else setProblem("Single sign-on is not working at the moment. Sign in with your email address and password.");
  };
  return (
    <>
      <h2 className="govuk-heading-s">Or</h2>
      {problem ? <p className="govuk-error-message">{problem}</p> : null}
      <Button variant="secondary" onClick={() => void go()}>
        Sign in with {sso.label}
      </Button>
    </>
  );
}

export function SignInForm({ title, signedOut, onSignedIn, children }: { title: string; signedOut: boolean; onSignedIn: () => Promise<void>; children?: ReactNode }) {
  const ssoError = ssoProblem(new URLSearchParams(useLocation().search).get("error"));
  const [problem, setProblem] = useState<string | null>(ssoError);
  const { register, handleSubmit, formState } = useForm<TSignIn>({ shouldFocusError: false, resolver: zodResolver(ZSignIn), defaultValues: { email: "", password: "" } });
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    const result = await signIn(values.email, values.password);
    if (!result.ok) {
      setProblem(result.message);
      return;
    }
    await onSignedIn();
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {signedOut && !problem ? <NotificationBanner type="success" heading="You have signed out" /> : null}
        <ErrorSummary errors={summaryErrors(errors, { email: "email", password: "password" })} description={problem ?? undefined} />
        <Page title={title}>
          <form noValidate onSubmit={onSubmit}>
            <Input id="email" label="Email address" type="email" autoComplete="username" spellCheck={false} error={errors.email?.message} {...register("email")} />
            <Input id="password" label="Password" type="password" autoComplete="current-password" error={errors.password?.message} {...register("password")} />
            <Button type="submit" disabled={formState.isSubmitting}>
              Sign in
            </Button>
          </form>
          <SingleSignOn />
          <p className="govuk-body">
            <Link className="govuk-link" to="/forgot-password">
              Forgot your password?
            </Link>
          </p>
          <p className="govuk-body govuk-hint">After 6 failed attempts in a row an account is locked for 30 minutes. Your session ends after an hour without activity.</p>
          {children}
        </Page>
      </div>
    </div>
  );
}
