/**
 * Setting a password from a one-time link (an invitation, the first
 * administrator's link, or "forgot password") and asking for such a link.
 * Both front ends show them without a session: /set-password?token=… and
 * /forgot-password. They call better-auth's standard endpoints; the answer to
 * "forgot password" is the same whether or not the address has an account.
 */
import { useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { Button, ErrorSummary, Input } from "./forms.js";
import { NotificationBanner } from "./layout.js";
import { Page } from "./page.js";

const post = (path: string, body: unknown) =>
  fetch(path, { method: "POST", credentials: "include", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });

export function SetPasswordForm() {
  const token = new URLSearchParams(useLocation().search).get("token") ?? "";
  const [errors, setErrors] = useState<{ href: string; text: string }[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const password = String(data.get("password") ?? "");
    const confirm = String(data.get("confirm") ?? "");
    const found: { href: string; text: string }[] = [];
    if (password.length < 12) found.push({ href: "#password", text: "Enter a password of at least 12 characters" });
    else if (password.length > 128) found.push({ href: "#password", text: "Password must be 128 characters or fewer" });
    if (confirm !== password) found.push({ href: "#confirm", text: "Enter the same password twice" });
    setErrors(found);
    setProblem(null);
    if (found.length > 0) return;
    setBusy(true);
    try {
      const res = await post("/api/auth/reset-password", { token, newPassword: password });
      if (res.ok) return setDone(true);
      const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
      if (body.code === "WEAK_PASSWORD") setErrors([{ href: "#password", text: body.message ?? "Choose a stronger password" }]);
      else if (body.code === "INVALID_TOKEN") setProblem("This link has expired or has already been used. Ask your administrator to send a new invitation, or use “Forgot your password?” on the sign-in page.");
      else setProblem(body.message ?? "Your password could not be set. Try again.");
    } catch {
      setProblem("Evident cannot be reached. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Page title="Your password is set">
        <NotificationBanner type="success" heading="Your password is set" focusOnMount />
        <p className="govuk-body">
          <Link className="govuk-link" to="/sign-in">
            Sign in with your new password
          </Link>
        </p>
      </Page>
    );
  }
  const fieldError = (id: string) => errors.find((x) => x.href === `#${id}`)?.text;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} description={problem ?? undefined} />
        <Page title="Set your password">
          {token ? (
            <form noValidate onSubmit={(e) => void submit(e)}>
              <Input id="password" name="password" label="New password" hint="At least 12 characters. A few unrelated words make a strong password." type="password" autoComplete="new-password" error={fieldError("password")} />
              <Input id="confirm" name="confirm" label="Enter the password again" type="password" autoComplete="new-password" error={fieldError("confirm")} />
              <Button type="submit" disabled={busy}>
                Set password
              </Button>
            </form>
          ) : (
            <p className="govuk-body">This page needs the link from your email. Open the link you were sent, or ask for a new one.</p>
          )}
        </Page>
      </div>
    </div>
  );
}

export function ForgotPasswordForm() {
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get("email") ?? "").trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return setError("Enter an email address in the correct format, like name@example.org");
    setError(null);
    setBusy(true);
    try {
      const res = await post("/api/auth/request-password-reset", { email });
      if (res.status === 429) return setError("Too many requests from this device. Wait a minute and try again.");
      setSent(true);
    } catch {
      setError("Evident cannot be reached. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <Page title="Check your email">
        <p className="govuk-body" data-testid="forgot-password-sent">
          If there is an account for that address, we have sent it a link to set a new password. The link works once, for 1 hour.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/sign-in">
            Back to sign in
          </Link>
        </p>
      </Page>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={error ? [{ href: "#email", text: error }] : []} />
        <Page title="Forgot your password?">
          <form noValidate onSubmit={(e) => void submit(e)}>
            <Input id="email" name="email" label="Email address" hint="We will email you a link to set a new password." type="email" autoComplete="username" spellCheck={false} error={error ?? undefined} />
            <Button type="submit" disabled={busy}>
              Send me a link
            </Button>
          </form>
        </Page>
      </div>
    </div>
  );
}
