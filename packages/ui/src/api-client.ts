/**
 * The typed API client the front ends share. Each app passes only the API's
 * router TYPE: `export const { client, api } = createApiClient<AppRouter>()`.
 *
 * `api` mirrors the router: `api.families.list.queryOptions(input)` and
 * `api.families.update.mutationOptions()` feed TanStack Query's `useQuery` /
 * `useMutation`, and `api.families.pathKey()` is the key prefix used to
 * invalidate one router's queries after a mutation (never everything).
 *
 * This is the same shape as `@trpc/tanstack-react-query`'s
 * `createTRPCOptionsProxy`, written here in a few lines because that package's
 * latest release (11.22.1) pins its peer `@trpc/client`/`@trpc/server` to
 * 11.22.1 exactly while the API uses 11.25.2; swap it in when they align.
 */
import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCClient } from "@trpc/client";
import type { AnyTRPCRouter } from "@trpc/server";

type AnyFn = (...args: never[]) => unknown;
type QueryKey = readonly unknown[];

export type Decorated<T> = {
  [K in keyof T]: T[K] extends { query: (...args: infer A) => Promise<infer O> }
    ? {
        queryOptions: (...input: undefined extends A[0] ? [input?: A[0]] : [input: A[0]]) => { queryKey: QueryKey; queryFn: () => Promise<O> };
        queryKey: (input?: A[0]) => QueryKey;
      }
    : T[K] extends { mutate: (...args: infer A) => Promise<infer O> }
      ? { mutationOptions: () => { mutationKey: QueryKey; mutationFn: (input: A[0]) => Promise<O> } }
      : T[K] extends AnyFn
        ? never
        : Decorated<T[K]> & { pathKey: () => QueryKey };
};

export function createApiClient<TRouter extends AnyTRPCRouter>(url = "/trpc") {
  const client = createTRPCClient<TRouter>({
    links: [
      // The API uses no data transformer; the cast is only because that option's type cannot be resolved for a generic router.
      httpBatchLink<TRouter>({
        url,
        maxURLLength: 2000,
        // Same-origin cookies only; no token is ever stored by the front end.
        fetch: (u: URL | RequestInfo, options?: unknown) => fetch(u, { ...(options as RequestInit), credentials: "same-origin" }),
      } as never),
    ],
  });
  const walk = (path: string[]) => {
    let node: unknown = client;
    for (const p of path) node = (node as Record<string, unknown>)[p];
    return node as { query: (i: unknown) => Promise<unknown>; mutate: (i: unknown) => Promise<unknown> };
  };
  const build = (path: string[]): unknown =>
    new Proxy(() => undefined, {
      get(_target, prop: string) {
        if (prop === "queryOptions") return (input?: unknown) => ({ queryKey: [...path, input ?? null], queryFn: () => walk(path).query(input) });
        if (prop === "queryKey") return (input?: unknown) => (input === undefined ? [...path] : [...path, input]);
        if (prop === "pathKey") return () => [...path];
        if (prop === "mutationOptions") return () => ({ mutationKey: [...path], mutationFn: (input: unknown) => walk(path).mutate(input) });
        return build([...path, prop]);
      },
    });
  return { client, api: build([]) as Decorated<TRPCClient<TRouter>> };
}

/** The fields of a tRPC error the screens use. */
export interface ApiErrorInfo {
  code: string | null;
  message: string;
  requestId: string | null;
  httpStatus: number | null;
  fieldErrors: { path: string; message: string }[];
}

export function errorInfo(error: unknown): ApiErrorInfo {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as { code?: string; requestId?: string | null; httpStatus?: number; fieldErrors?: { path: string; message: string }[] };
    return {
      code: data.code ?? null,
      message: error.message,
      requestId: data.requestId ?? null,
      httpStatus: data.httpStatus ?? null,
      fieldErrors: Array.isArray(data.fieldErrors) ? data.fieldErrors : [],
    };
  }
  return { code: null, message: error instanceof Error ? error.message : String(error), requestId: null, httpStatus: null, fieldErrors: [] };
}

export { TRPCClientError };
