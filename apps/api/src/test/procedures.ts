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

type Middleware = ((opts: unknown) => Promise<unknown>) & { counted?: true };

/**
 * Counts, per procedure, the calls that entered its handler: tRPC runs a procedure's handler as the
 * last of its middlewares (`resolveMiddleware`, after the permission check and input validation),
 * so that one is wrapped with a counter, in this test file's copy of the router only.
 */
export function countHandlerEntries(): Map<string, number> {
  const counts = new Map<string, number>();
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { middlewares: Middleware[] } }>;
  for (const [path, procedure] of Object.entries(procedures)) {
    const chain = procedure._def.middlewares;
    const handler = chain[chain.length - 1]!;
    if (handler.name !== "resolveMiddleware") throw new Error(`${path}: tRPC's last middleware is ${handler.name}, not the handler; countHandlerEntries needs updating`);
    const counted: Middleware = async (opts) => {
      counts.set(path, (counts.get(path) ?? 0) + 1);
      return handler(opts);
    };
    counted.counted = true;
    chain[chain.length - 1] = counted;
  }
  return counts;
}
