import { SignInForm } from "@evident/ui";
import { useLocation } from "react-router";
import { useAuth } from "../lib/auth.js";

export function SignInPage() {
  const auth = useAuth();
  const location = useLocation();
  const signedOut = auth.justSignedOut || new URLSearchParams(location.search).get("signedOut") === "1";
  return (
    <SignInForm title="Sign in to Evident training" signedOut={signedOut} onSignedIn={auth.refresh}>
      <p className="govuk-body">
        You can also <a className="govuk-link" href="/sign-in">sign in on the Evident portal</a>: one sign-in works for both.
      </p>
    </SignInForm>
  );
}
