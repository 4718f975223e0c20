/**
 * The session, shared by the front ends: better-auth's cookie (HttpOnly, set
 * by the server) is the only credential. The front end never sees or stores a
 * token; it asks the server who is signed in (GET /api/auth/get-session), then
 * loads the role and permissions with the app's `session.me` query.
 *
 *   export const { AuthProvider, useAuth } = createAuth(() => api.session.me.queryOptions());
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, createElement, useContext, useState, type ReactNode } from "react";
import { drafts } from "./drafts.js";

const SESSION_KEY = ["auth", "session"] as const;

async function getSession(): Promise<{ user: { id: string; name: string; email: string } } | null> {
  const res = await fetch("/api/auth/get-session", { credentials: "same-origin", headers: { accept: "application/json" } });
  if (!res.ok) {
    if (res.status === 401) return null;
    throw new Error(`Could not check your session (${res.status})`);
  }
  const body = (await res.json()) as { user?: { id: string; name: string; email: string } } | null;
  return body?.user ? { user: body.user } : null;
}

export type SignInResult = { ok: true } | { ok: false; kind: "invalid" | "locked" | "rate_limited" | "refused" | "unavailable"; message: string };

export async function signIn(email: string, password: string): Promise<SignInResult> {
  let res: Response;
  try {
    res = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      credentials: "include",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ email, password, rememberMe: false }),
    });
  } catch {
    return { ok: false, kind: "unavailable", message: "Evident cannot be reached. Check your connection and try again." };
  }
  if (res.ok) return { ok: true };
  let body: { code?: string; message?: string } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    /* not JSON */
  }
  if (res.status === 429) {
    const wait = Number(res.headers.get("x-retry-after") ?? res.headers.get("retry-after") ?? "");
    const after = Number.isFinite(wait) && wait > 0 ? `${Math.ceil(wait)} seconds` : "a few seconds";
    return { ok: false, kind: "rate_limited", message: `Too many sign-in attempts from this device. Wait ${after} and try again.` };
  }
  if (body.code === "ACCOUNT_LOCKED") {
    return { ok: false, kind: "locked", message: body.message ?? "There have been too many failed sign-ins to this account. Sign in from a device you have used before, or ask an administrator to unlock it." };
  }
  if (body.code === "DEMO_LOGIN_REFUSED") return { ok: false, kind: "refused", message: "Demo logins are not available on this server." };
  if (res.status === 401 || res.status === 400 || body.code === "INVALID_EMAIL_OR_PASSWORD") {
    return { ok: false, kind: "invalid", message: "Enter a correct email address and password." };
  }
  if (res.status >= 500) return { ok: false, kind: "unavailable", message: "Sign-in is not working at the moment. Try again later." };
  return { ok: false, kind: "refused", message: body.message ?? "You cannot sign in at the moment." };
}

export async function signOut(): Promise<void> {
  await fetch("/api/auth/sign-out", { method: "POST", credentials: "include", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => undefined);
}

export interface AuthState<Me extends { permissions: readonly string[] }> {
  status: "loading" | "signed-out" | "signed-in" | "error";
  me: Me | null;
  error: unknown;
  can: (p: Me["permissions"][number]) => boolean;
  /** Drops every cached record of the previous user and re-asks who is signed in. */
  refresh: () => Promise<void>;
  /** Signs out, forgets every cached record, and remembers to say so on the sign-in page. */
  signOut: () => Promise<void>;
  justSignedOut: boolean;
}

export function createAuth<Me extends { permissions: readonly string[] }>(meQuery: () => { queryKey: readonly unknown[]; queryFn: () => Promise<Me> }) {
  const AuthContext = createContext<AuthState<Me> | null>(null);

  function AuthProvider({ children }: { children: ReactNode }) {
    const queryClient = useQueryClient();
    const [justSignedOut, setJustSignedOut] = useState(false);
    const session = useQuery({ queryKey: SESSION_KEY, queryFn: getSession, staleTime: 60_000, retry: 1 });
    const me = useQuery({ ...meQuery(), enabled: !!session.data, staleTime: 60_000, retry: false });
    let status: AuthState<Me>["status"];
    if (session.isPending || (session.data && me.isPending)) status = "loading";
    else if (session.isError) status = "error";
    else if (!session.data) status = "signed-out";
    else if (me.isError) status = "signed-out";
    else status = "signed-in";
    // Drafts on this device are the signed-in user's only (drafts.ts); set before any form reads one.
    if (status !== "loading") drafts.setOwner(status === "signed-in" ? session.data!.user.id : null);
    const forget = async () => {
      await queryClient.cancelQueries();
      await queryClient.resetQueries();
    };
    const value: AuthState<Me> = {
      status,
      me: status === "signed-in" ? (me.data ?? null) : null,
      error: session.error ?? null,
      can: (p) => (status === "signed-in" ? (me.data?.permissions as readonly string[] | undefined)?.includes(p) ?? false : false),
      refresh: async () => {
        setJustSignedOut(false);
        await forget();
      },
      signOut: async () => {
        drafts.clearAll();
        drafts.setOwner(null);
        await signOut();
        setJustSignedOut(true);
        await forget();
      },
      justSignedOut,
    };
    return createElement(AuthContext.Provider, { value }, children);
  }

  function useAuth(): AuthState<Me> {
    const ctx = useContext(AuthContext);
    if (!ctx) throw new Error("useAuth outside AuthProvider");
    return ctx;
  }

  return { AuthProvider, useAuth };
}

export const ROLE_LABEL: Record<string, string> = {
  admin: "Administrator",
  manager: "Team manager",
  practitioner: "Social worker",
  dv_worker: "Domestic-abuse worker",
  trainer: "Trainer",
  analyst: "Analyst",
  staff: "Staff member",
};
