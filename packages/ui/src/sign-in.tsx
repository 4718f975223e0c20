/**
 * The sign-in form both front ends show: email and password, field errors
 * in the GOV.UK pattern, better-auth's refusals (wrong password, locked,
 * rate-limited, demo login refused) in plain words, and a "signed out" banner.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
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

export function SignInForm({ title, signedOut, onSignedIn, children }: { title: string; signedOut: boolean; onSignedIn: () => Promise<void>; children?: ReactNode }) {
  const [problem, setProblem] = useState<string | null>(null);
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
