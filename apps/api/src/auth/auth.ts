/**
 * Authentication with better-auth: email and password, sessions stored in
 * the database through the Prisma adapter, HttpOnly SameSite=Lax cookies
 * (Secure and `__Secure-` prefixed in production), a password policy, and
 * sign-in throttling that better-auth lacks and that cannot be used to lock
 * the owner out (auth/throttle.ts, rules in @evident/core access/lockout.ts):
 * delays that double per account and source address after 5 failures, and a
 * far higher per-account ceiling above which only addresses the account has
 * signed in from may try. Attempts are keyed by a hash of the email address,
 * so unknown addresses are throttled too (no account probing). Every attempt
 * is kept in the audit log.
 *
 * Public sign-up is off: accounts are created by admins or the seed.
 */
import { passwordProblem, PASSWORD_MAX, PASSWORD_MIN, RESET_LINK_HOURS, setPasswordUrl, SIGN_IN_RULES } from "@evident/core";
import { prismaAdapter } from "@better-auth/prisma-adapter";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { auditRow } from "../audit/audit.js";
import type { ApiConfig } from "../config.js";
import type { PrismaClient } from "../db.js";
import type { Logger } from "../logger.js";
import { enqueueEmail, type MailSender } from "../mail/outbox.js";
import { ssoPlugins } from "./sso.js";
import { claimAttempt, recordSuccess, signInKey } from "./throttle.js";

export { signInKey };
export const DEMO_EMAIL_DOMAIN = "demo.evident.local";
export const SIGN_IN_ACTION = "auth.signIn";

export interface AuthDeps {
  prisma: PrismaClient;
  config: ApiConfig;
  logger: Logger;
  now: () => Date;
  mail: Pick<MailSender, "kick">;
}

function passwordFromBody(body: unknown): { password?: string; email?: string } {
  if (!body || typeof body !== "object") return {};
  const b = body as Record<string, unknown>;
  const password = typeof b.newPassword === "string" ? b.newPassword : typeof b.password === "string" ? b.password : undefined;
  const email = typeof b.email === "string" ? b.email : undefined;
  return { password, email };
}

const PASSWORD_SETTING_PATHS = new Set(["/sign-up/email", "/change-password", "/reset-password", "/set-password"]);

export function createAuth(deps: AuthDeps) {
  const { prisma, config, logger, now, mail } = deps;
  const production = config.nodeEnv === "production";

  const rules = { ...SIGN_IN_RULES, ...config.signInRules };

  async function recordAttempt(key: string, userId: string | null, outcome: "success" | "failure" | "denied", reason: string | undefined, ip: string | null) {
    await prisma.auditLog.create({
      data: auditRow(
        { now: now(), requestId: "auth", user: null, ip },
        { action: SIGN_IN_ACTION, outcome, entityType: "SignIn", entityIds: userId ? [key, userId] : [key], actorId: userId, actorRole: null, reason },
      ),
    });
  }

  return betterAuth({
    appName: "Evident",
    baseURL: config.baseUrl,
    basePath: "/api/auth",
    secret: config.authSecret,
    database: prismaAdapter(prisma as never, { provider: "postgresql" }),
    trustedOrigins: config.allowedOrigins,
    telemetry: { enabled: false },
    plugins: ssoPlugins(config),
    // Single sign-on links to an invited account only when the provider has verified the email.
    account: { accountLinking: { enabled: true, trustedProviders: [], requireLocalEmailVerified: true } },
    databaseHooks: {
      session: {
        create: {
          // Every way in (password, single sign-on) makes a session here: a disabled account gets none.
          before: async (session) => {
            const user = await prisma.user.findUnique({ where: { id: session.userId }, select: { disabled: true } });
            return user && !user.disabled ? { data: session } : false;
          },
        },
      },
    },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      autoSignIn: false,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      revokeSessionsOnPasswordReset: true,
      // "Forgot password": better-auth answers the same whether or not the address exists and
      // calls this only for a real account; a disabled one gets nothing. The link is the portal's
      // set-password page with better-auth's one-time token.
      resetPasswordTokenExpiresIn: RESET_LINK_HOURS * 3600,
      sendResetPassword: async ({ user, token }) => {
        const row = await prisma.user.findUnique({ where: { id: user.id }, select: { disabled: true } });
        if (!row || row.disabled) return;
        await enqueueEmail(
          prisma,
          {
            to: user.email,
            subject: "Reset your Evident password",
            bodyText: `Someone asked to reset the password of your Evident account.\n\nSet a new password (the link works once, for ${RESET_LINK_HOURS} hour):\n${setPasswordUrl(config.baseUrl, token)}\n\nIf it was not you, ignore this email: your password has not changed.`,
            template: "password_reset",
          },
          now(),
        );
        mail.kick();
      },
    },
    session: {
      // Idle expiry and the absolute cap are enforced by the API on every request (auth/session.ts);
      // better-auth's own expiry is the idle limit and it never slides the session itself.
      expiresIn: 60 * 60,
      updateAge: 60,
      disableSessionRefresh: true,
      cookieCache: { enabled: false },
    },
    rateLimit: {
      enabled: true,
      // One process: in memory. Several (EVIDENT_WORKERS): in the database, shared by all.
      storage: config.workers > 1 ? "database" : "memory",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 10, max: config.signInRateLimit },
        // Every page load asks who is signed in. Staff of one trust often share one outgoing address, so the
        // general 100 a minute per address would refuse them (it did, in the end-to-end suite); the check only
        // reads a session named by a signed 32-byte token, so there is nothing to guess by repeating it.
        "/get-session": false,
        "/change-password": { window: 60, max: 5 },
        "/request-password-reset": { window: 60, max: 5 },
      },
    },
    advanced: {
      useSecureCookies: production,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: production, path: "/" },
      ipAddress: { ipAddressHeaders: [config.clientIpHeader] },
    },
    logger: {
      level: "error",
      log: (level, message) => {
        // better-auth's messages can include addresses; keep the level and a fixed label only.
        if (level === "error") logger.error({ component: "better-auth", message: String(message).slice(0, 120) }, "auth library error");
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (PASSWORD_SETTING_PATHS.has(ctx.path)) {
          const { password, email } = passwordFromBody(ctx.body);
          if (password !== undefined) {
            const problem = passwordProblem(password, email);
            if (problem) throw new APIError("BAD_REQUEST", { message: `Password not accepted: ${problem}`, code: "WEAK_PASSWORD" });
          }
        }
        if (ctx.path !== "/sign-in/email") return;
        const email = typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase() : "";
        if (!email || email.length > 254) return;
        const ip = ctx.headers?.get(config.clientIpHeader) ?? null;
        const key = signInKey(email);
        if (production && email.endsWith(`@${DEMO_EMAIL_DOMAIN}`)) {
          await recordAttempt(key, null, "denied", "demo login refused in production", ip);
          throw new APIError("FORBIDDEN", { message: "Demo logins are not available on this server", code: "DEMO_LOGIN_REFUSED" });
        }
        const user = await prisma.user.findUnique({ where: { email }, select: { id: true, disabled: true } });
        const claim = await claimAttempt(prisma, { emailKey: key, userId: user?.id ?? null, ip, now: now(), rules });
        if (!claim.allowed) {
          await recordAttempt(key, user?.id ?? null, "denied", claim.reason === "address" ? "throttled: too many failed sign-ins from this address" : "throttled: account over its ceiling, address not known", ip);
          if (claim.reason === "address") {
            const wait = Math.max(1, Math.ceil(((claim.retryAt?.getTime() ?? now().getTime()) - now().getTime()) / 1000));
            throw new APIError("TOO_MANY_REQUESTS", { message: `Too many failed sign-ins from this device. Wait ${wait} seconds and try again.`, code: "SIGN_IN_THROTTLED" }, { "Retry-After": String(wait) });
          }
          throw new APIError("FORBIDDEN", {
            message: "There have been too many failed sign-ins to this account. Sign in from a device you have used before, or ask an administrator to unlock it.",
            code: "ACCOUNT_LOCKED",
          });
        }
        if (user?.disabled) {
          await recordAttempt(key, user.id, "denied", "account disabled", ip);
          throw new APIError("UNAUTHORIZED", { message: "Invalid email or password", code: "INVALID_EMAIL_OR_PASSWORD" });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const email = typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase() : "";
        if (!email || email.length > 254) return;
        const returned = ctx.context.returned;
        if (isAPIError(returned) && (returned as APIError).statusCode !== 401) return; // refused above (throttled, disabled, demo)
        const ip = ctx.headers?.get(config.clientIpHeader) ?? null;
        const key = signInKey(email);
        const session = ctx.context.newSession;
        if (session && !isAPIError(returned)) {
          await recordSuccess(prisma, { emailKey: key, userId: session.user.id, ip, now: now(), rules });
          await recordAttempt(key, session.user.id, "success", undefined, ip);
        } else {
          const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
          await recordAttempt(key, user?.id ?? null, "failure", "wrong email or password", ip);
        }
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
