/** What a valid input is built from (test/valid-inputs.ts, test/input-records.ts). */
import type { TRole } from "@evident/core";
import type { PrismaClient } from "../db.js";
import type { createCaller } from "../trpc/root.js";
import type { Fixture } from "./harness.js";

export type Caller = ReturnType<typeof createCaller>;

export interface InputState {
  fx: Fixture;
  prisma: PrismaClient;
  /** A value no other call has used (references, codes, names). */
  unique(prefix: string): string;
  /** The role and login the input is for (an audit assignment is made to the caller, …). */
  caller: { role: TRole; id: string; staffId: string | null };
  /** A tRPC caller acting as `userId`: for records an input needs that only a procedure makes (a dry run's digest, a saved analysis run). */
  api(userId: string): Promise<Caller>;
}
