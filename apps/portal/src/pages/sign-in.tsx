import { SignInForm } from "@evident/ui";
import { useAuth } from "../lib/auth.js";

export function SignInPage() {
  const auth = useAuth();
  return <SignInForm title="Sign in to Evident" signedOut={auth.justSignedOut} onSignedIn={auth.refresh} />;
}
