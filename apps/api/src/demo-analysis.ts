/**
 * Demo mode: one saved example analysis, so the evaluation screen opens on a
 * finished piece of work. On first start of a seeded demo trust (no saved
 * analysis yet) the demo analyst saves Inspiring Families against families
 * with domestic abuse who were not enrolled, over the report's period,
 * through the same procedure a person uses (checks, audit row and all).
 */
import { DOMESTIC_ABUSE_FACTORS } from "@evident/core";
import { isSeeded } from "@evident/db";
import { demoEmail } from "./demo.js";
import type { ApiDeps } from "./trpc/context.js";
import { createContextInner } from "./trpc/context.js";
import { createCaller } from "./trpc/root.js";

export const EXAMPLE_ANALYSIS_TITLE = "Example: Inspiring Families against families with domestic abuse not enrolled, April 2017 to March 2019";

/** Saves the example analysis unless one is already saved; true when it saved one. */
export async function ensureExampleAnalysis(deps: ApiDeps): Promise<boolean> {
  const p = deps.db.prisma;
  if (!(await isSeeded(p)) || (await p.analysisRun.count()) > 0) return false;
  const [analyst, ifp] = await Promise.all([
    p.user.findUnique({ where: { email: demoEmail("analyst") }, select: { id: true } }),
    p.programme.findFirst({ where: { code: "IFP" }, select: { id: true } }),
  ]);
  if (!analyst || !ifp) return false;
  const caller = createCaller(await createContextInner({ deps, userId: analyst.id }));
  await caller.evaluation.save({
    title: EXAMPLE_ANALYSIS_TITLE,
    request: { programmeId: ifp.id, comparison: { kind: "factors_not_enrolled", anyOfFactors: [...DOMESTIC_ABUSE_FACTORS] }, from: "2017-04-01", to: "2019-03-31", asAt: "2020-03-31" },
  });
  return true;
}
