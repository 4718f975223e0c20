/**
 * Staff accounts over their life: created by an administrator (or the first
 * one on the command line), invited with a one-time link to set a password,
 * active once a password or single sign-on login exists, disabled by an
 * administrator. Pure rules; the API stores and sends.
 */
import { z } from "zod";
import type { TRole } from "./roles.js";

/** The first administrator's set-password link (`npm run admin:create`). */
export const FIRST_ADMIN_LINK_HOURS = 24;
/** An invitation's set-password link. */
export const INVITE_LINK_HOURS = 72;
/** A self-service "forgot password" link. */
export const RESET_LINK_HOURS = 1;

export const ACCOUNT_STATUSES = ["invited", "active", "disabled"] as const;
export const ZAccountStatus = z.enum(ACCOUNT_STATUSES);
export type TAccountStatus = z.infer<typeof ZAccountStatus>;

/** Disabled wins; otherwise an account with no way to sign in yet (no password, no SSO login) is still invited. */
export function accountStatus(account: { disabled: boolean; hasLogin: boolean }): TAccountStatus {
  if (account.disabled) return "disabled";
  return account.hasLogin ? "active" : "invited";
}

/**
 * Why `admin:create` must not create an administrator, or null. A second
 * administrator needs `--another` so that running the first-start command twice
 * by mistake does not hand out a second admin link.
 */
export function adminCreateProblem(state: { admins: number; emailTaken: boolean; another: boolean }): string | null {
  if (state.emailTaken) return "An account with this email address already exists.";
  if (state.admins > 0 && !state.another) return "An administrator already exists. Add --another to create one more.";
  return null;
}

/** Why an invitation link cannot be sent again, or null. */
export function resendProblem(status: TAccountStatus): string | null {
  if (status === "active") return "This person has already set a password. Use a password reset instead.";
  if (status === "disabled") return "This account is disabled. Re-enable it first.";
  return null;
}

/**
 * The staff record's role for an invited account (training and allocations are
 * by staff record). Administrators need none.
 */
export function staffRoleForAccount(role: TRole): "team_manager" | "social_worker" | "domestic_abuse_worker" | "trainer" | "analyst" | "business_support" | null {
  switch (role) {
    case "admin":
      return null;
    case "manager":
      return "team_manager";
    case "practitioner":
      return "social_worker";
    case "dv_worker":
      return "domestic_abuse_worker";
    case "trainer":
      return "trainer";
    case "analyst":
      return "analyst";
    default:
      return "business_support";
  }
}

/** The portal page where a one-time token sets a password (better-auth's reset-password token). */
export function setPasswordUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/set-password?token=${encodeURIComponent(token)}`;
}

/**
 * Settings a production server cannot start without, by environment variable
 * name. Without SMTP_URL it still starts (email waits in the outbox), so that
 * is a warning (`productionWarnings`), not a refusal.
 */
export function missingProductionSettings(env: Record<string, string | undefined>): string[] {
  if (env.NODE_ENV !== "production") return [];
  const missing: string[] = [];
  if ((env.BETTER_AUTH_SECRET ?? "").length < 32) missing.push("BETTER_AUTH_SECRET (a random secret of at least 32 characters, e.g. from: openssl rand -hex 32)");
  if (!env.EVIDENT_BASE_URL) missing.push("EVIDENT_BASE_URL (the public address people use, e.g. https://evident.example.gov.uk)");
  return missing;
}

/**
 * Settings a production server can start without but should have (today: SMTP_URL, without which email waits
 * in the outbox), as plain messages; none outside production.
 */
export function productionWarnings(env: Record<string, string | undefined>): string[] {
  if (env.NODE_ENV !== "production") return [];
  return env.SMTP_URL ? [] : ["SMTP_URL is not set: invitations and password resets are kept in the outbox and not sent."];
}

/** The one message a production server prints when settings are missing. */
export function productionSettingsMessage(missing: readonly string[]): string {
  return `Evident cannot start in production: these settings are missing or too short:\n${missing.map((m) => `  - ${m}`).join("\n")}\nSet them in the environment and start again.`;
}
