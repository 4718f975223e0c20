/** Walks the app router's procedures and calls them by path (tests only). */
import { appRouter } from "../trpc/root.js";

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
}

export function listProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureInfo["type"] } }>;
  return Object.entries(procedures)
    .map(([path, proc]) => ({ path, type: proc._def.type }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

export function callPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const key of path.split(".")) target = (target as Record<string, unknown>)[key];
  return (target as (i: unknown) => Promise<unknown>)(input);
}

/** The tRPC error code of a rejection, or "OK". */
export async function outcome(promise: Promise<unknown>): Promise<{ code: string; value?: unknown; error?: unknown }> {
  try {
    return { code: "OK", value: await promise };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { code: typeof code === "string" ? code : "THROWN", error };
  }
}
