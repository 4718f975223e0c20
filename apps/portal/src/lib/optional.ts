/**
 * Calls to procedures that the API may not have yet (follow-ups, assessments,
 * hub cases, evaluation runs). The screens use them when they exist and show
 * an "not available yet" state when the API answers that the procedure does
 * not exist, so the portal keeps working while the API grows.
 */
import { useQuery } from "@tanstack/react-query";
import { client, errorInfo } from "./trpc.js";

export class MissingProcedure extends Error {
  constructor(public path: string) {
    super(`The API has no ${path} procedure yet`);
  }
}

function walk(path: string) {
  let node: unknown = client;
  for (const p of path.split(".")) node = (node as Record<string, unknown>)[p];
  return node as { query: (i: unknown) => Promise<unknown>; mutate: (i: unknown) => Promise<unknown> };
}

function isMissing(error: unknown): boolean {
  const info = errorInfo(error);
  return info.code === "NOT_FOUND" && /No "?(query|mutation)"?-procedure on path|No procedure found/i.test(info.message);
}

export async function optionalQuery<T>(path: string, input?: unknown): Promise<T> {
  try {
    return (await walk(path).query(input)) as T;
  } catch (error) {
    if (isMissing(error)) throw new MissingProcedure(path);
    throw error;
  }
}

export async function optionalMutation<T>(path: string, input: unknown): Promise<T> {
  try {
    return (await walk(path).mutate(input)) as T;
  } catch (error) {
    if (isMissing(error)) throw new MissingProcedure(path);
    throw error;
  }
}

export function useOptionalQuery<T>(path: string, input?: unknown, options: { enabled?: boolean } = {}) {
  return useQuery<T>({
    queryKey: [...path.split("."), input ?? null],
    queryFn: () => optionalQuery<T>(path, input),
    retry: (count, error) => !(error instanceof MissingProcedure) && count < 1,
    enabled: options.enabled ?? true,
  });
}
