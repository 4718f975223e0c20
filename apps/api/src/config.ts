/**
 * The API's configuration, read once from the environment and validated.
 * Tests build it with `testConfig()` instead of touching `process.env`.
 */
import { randomBytes } from "node:crypto";
import { missingProductionSettings, productionSettingsMessage, type SignInRules } from "@evident/core";
import { z } from "zod";
import { DEFAULT_TRPC_LIMITS, type TrpcRateLimits } from "./http/rate-limit.js";

export interface ApiConfig {
  nodeEnv: "development" | "test" | "production";
  /** The public origin of this server, e.g. https://evident.example.gov.uk */
  baseUrl: string;
  /** Origins allowed to call the API from a browser (CORS and CSRF). Always includes baseUrl's origin. */
  allowedOrigins: string[];
  /** Secret for signing session cookies (32+ characters in production). */
  authSecret: string;
  /** Demo mode: demo logins exist and are allowed (never in production). */
  demo: boolean;
  /** Built front ends, served when the folders exist. */
  portalDir: string | null;
  trainingDir: string | null;
  /** Header carrying the client address as seen by this server (set by main.ts from the socket). */
  clientIpHeader: string;
  /** Sign-in attempts allowed per address per 10 seconds (better-auth rate limit; generous, so an office behind one address signing in at nine is never refused: guessing is slowed per account and address by auth/throttle.ts). */
  signInRateLimit: number;
  /**
   * API processes sharing the port (EVIDENT_WORKERS, PostgreSQL only). With more than one, rate-limit
   * counters live in the database so that every process sees the same counts.
   */
  workers: number;
  /** The mail server (SMTP_URL, e.g. smtp://user:pass@mail.example.gov.uk:587); null keeps email in the outbox. */
  smtpUrl: string | null;
  /** The From address of Evident's email (EVIDENT_MAIL_FROM). */
  mailFrom: string;
  /** Single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_LABEL); null when off. */
  oidc: { issuer: string; clientId: string; clientSecret: string; label: string } | null;
  /** Changes to the sign-in throttling rules (tests; production uses @evident/core's SIGN_IN_RULES). */
  signInRules?: Partial<SignInRules>;
  /** Rate limits on /trpc per address and per session (http/rate-limit.ts). */
  trpcLimits: TrpcRateLimits;
}

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  EVIDENT_BASE_URL: z.string().url().optional(),
  EVIDENT_ALLOWED_ORIGINS: z.string().optional(),
  BETTER_AUTH_SECRET: z.string().optional(),
  EVIDENT_DEMO: z.enum(["0", "1", "true", "false"]).optional(),
  EVIDENT_PORTAL_DIR: z.string().optional(),
  EVIDENT_TRAINING_DIR: z.string().optional(),
  EVIDENT_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://").optional(),
  EVIDENT_MAIL_FROM: z.string().max(254).optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_LABEL: z.string().min(1).max(60).optional(),
  EVIDENT_TRPC_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).max(10_000_000).default(DEFAULT_TRPC_LIMITS.perAddress),
  EVIDENT_TRPC_LIMIT_PER_SESSION: z.coerce.number().int().min(0).max(10_000_000).default(DEFAULT_TRPC_LIMITS.perSession),
});

export function originOf(url: string): string {
  return new URL(url).origin;
}

export function loadConfig(env: NodeJS.ProcessEnv, defaults: { portalDir: string | null; trainingDir: string | null; demo: boolean }): ApiConfig & { port: number } {
  const parsed = ZEnv.parse(env);
  const production = parsed.NODE_ENV === "production";
  const baseUrl = parsed.EVIDENT_BASE_URL ?? `http://localhost:${parsed.PORT}`;
  const secret = parsed.BETTER_AUTH_SECRET;
  const missing = missingProductionSettings(env);
  if (missing.length > 0) throw new Error(productionSettingsMessage(missing));
  // Production cookies are Secure (sent only over HTTPS) and `__Secure-` prefixed: an http:// public
  // address would make every sign-in appear to work and then lose its session. TLS may end at a proxy
  // in front of Evident; the public address is what browsers see.
  if (production && new URL(baseUrl).protocol !== "https:") {
    throw new Error("EVIDENT_BASE_URL must be an https:// address when NODE_ENV=production (session cookies are Secure)");
  }
  const extra = (parsed.EVIDENT_ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean).map(originOf);
  const demoFlag = parsed.EVIDENT_DEMO === undefined ? defaults.demo : parsed.EVIDENT_DEMO === "1" || parsed.EVIDENT_DEMO === "true";
  return {
    port: parsed.PORT,
    nodeEnv: parsed.NODE_ENV,
    baseUrl,
    allowedOrigins: [...new Set([originOf(baseUrl), ...extra])],
    authSecret: secret ?? randomBytes(32).toString("hex"),
    demo: demoFlag && !production,
    portalDir: parsed.EVIDENT_PORTAL_DIR ?? defaults.portalDir,
    trainingDir: parsed.EVIDENT_TRAINING_DIR ?? defaults.trainingDir,
    clientIpHeader: "x-evident-client-ip",
    signInRateLimit: 30,
    workers: parsed.EVIDENT_WORKERS,
    smtpUrl: parsed.SMTP_URL ?? null,
    mailFrom: parsed.EVIDENT_MAIL_FROM ?? `Evident <no-reply@${new URL(baseUrl).hostname}>`,
    oidc: oidcFrom(parsed),
    trpcLimits: { perAddress: parsed.EVIDENT_TRPC_LIMIT_PER_ADDRESS, perSession: parsed.EVIDENT_TRPC_LIMIT_PER_SESSION, windowMs: DEFAULT_TRPC_LIMITS.windowMs },
  };
}

function oidcFrom(parsed: z.infer<typeof ZEnv>): ApiConfig["oidc"] {
  const set = [parsed.OIDC_ISSUER, parsed.OIDC_CLIENT_ID, parsed.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (set === 0) return null;
  if (set < 3) throw new Error("Single sign-on needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET");
  return { issuer: parsed.OIDC_ISSUER!, clientId: parsed.OIDC_CLIENT_ID!, clientSecret: parsed.OIDC_CLIENT_SECRET!, label: parsed.OIDC_LABEL ?? "your organisation's account" };
}

export function testConfig(overrides: Partial<ApiConfig> = {}): ApiConfig {
  return {
    nodeEnv: "test",
    baseUrl: "http://localhost:3000",
    allowedOrigins: ["http://localhost:3000"],
    authSecret: "test-secret-test-secret-test-secret-0123456789",
    demo: false,
    portalDir: null,
    trainingDir: null,
    clientIpHeader: "x-evident-client-ip",
    signInRateLimit: 1000,
    workers: 1,
    smtpUrl: null,
    mailFrom: "Evident <no-reply@localhost>",
    oidc: null,
    trpcLimits: DEFAULT_TRPC_LIMITS,
    ...overrides,
  };
}
