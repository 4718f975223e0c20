/**
 * better-auth runs each of its calls inside AsyncLocalStorage contexts (the
 * endpoint, the request state and the database adapter). On Node 20, once an
 * AsyncLocalStorage has been entered, every promise the process creates from
 * then on pays a propagation hook, and better-auth never leaves: one sign-in
 * and every later tRPC request carries the hook (about 6% of the API's CPU
 * under load, docs/benchmarks.md).
 *
 * Evident calls better-auth only through its request handler, for
 * `/api/auth/*` (sign-in, sign-out, session checks); none of the features
 * that make better-auth run background tasks after answering (verification
 * and reset emails, phone OTPs) is configured. `whileAuthRuns` counts the
 * handler calls in flight, and when none is, the three storages are disabled:
 * the next call enters them again (`run` re-enables a disabled storage), so
 * better-auth sees its contexts exactly as before while the rest of the API
 * runs without the hook.
 */
import {
  getCurrentAuthContextAsyncLocalStorage,
  getCurrentDBAdapterAsyncLocalStorage,
  getRequestStateAsyncLocalStorage,
} from "@better-auth/core/context";

let outstanding = 0;

async function releaseWhenIdle(): Promise<void> {
  const storages = await Promise.all([getCurrentAuthContextAsyncLocalStorage(), getRequestStateAsyncLocalStorage(), getCurrentDBAdapterAsyncLocalStorage()]);
  // A call may have started while the storages were being looked up: it needs them.
  if (outstanding !== 0) return;
  for (const storage of storages) storage.disable();
}

function done(): void {
  outstanding -= 1;
  if (outstanding === 0) void releaseWhenIdle();
}

/** Runs one call into better-auth (its request handler), counted as outstanding until it settles. */
export async function whileAuthRuns<T>(call: () => Promise<T>): Promise<T> {
  outstanding += 1;
  try {
    return await call();
  } finally {
    done();
  }
}

/** How many better-auth calls are in flight (tests). */
export function outstandingAuthWork(): number {
  return outstanding;
}
