/**
 * The embedded database must not lose acknowledged writes when the process
 * dies (pglite#1065: transaction() does not sync after COMMIT). A child
 * process writes rows in a loop and prints each acknowledgement; we SIGKILL
 * it, reopen the folder and check every acknowledged row is there. Several
 * rounds on the same folder, killed at different moments.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client.js";

const here = dirname(fileURLToPath(import.meta.url));
const tsxLoader = createRequire(import.meta.url).resolve("tsx");

function writeUntilKilled(dir: string, prefix: string, killAfter: { acks?: number; ms?: number }): Promise<{ acked: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", tsxLoader, join(here, "test", "writer.ts"), dir, prefix], { stdio: ["ignore", "pipe", "pipe"] });
    const acked: string[] = [];
    let buffer = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill("SIGKILL");
    const guard = setTimeout(kill, 90_000);
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith("ack ")) {
          acked.push(line.slice(4));
          // Timed rounds count from the first acknowledged write, so a slow start cannot leave a round with none.
          if (acked.length === 1 && killAfter.ms !== undefined) timer = setTimeout(kill, killAfter.ms);
          if (killAfter.acks !== undefined && acked.length >= killAfter.acks) kill();
        }
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal !== "SIGKILL") reject(new Error(`writer exited on its own (code ${code}): ${stderr.slice(0, 2000)}`));
      else resolve({ acked, signal });
    });
  });
}

describe("embedded database durability (SIGKILL)", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "evident-kill-")), "pglite");
  afterAll(() => rmSync(dirname(dir), { recursive: true, force: true }));

  const rounds: [string, { acks?: number; ms?: number }][] = [
    ["a", { acks: 120 }],
    ["b", { ms: 150 }],
    ["c", { acks: 40 }],
    ["d", { ms: 1200 }],
  ];
  for (const [prefix, when] of rounds) {
    it(`keeps every acknowledged write after SIGKILL (round ${prefix}: killed after ${when.acks ? `${when.acks} acks` : `${when.ms} ms`})`, async () => {
      const { acked } = await writeUntilKilled(dir, prefix, when);
      // Every round must have something to check: a round killed before any acknowledged write proves nothing.
      expect(acked.length).toBeGreaterThanOrEqual(when.acks ?? 1);
      const db = await createDb({ dataDir: dir, databaseUrl: null, migrate: true });
      try {
        const rows = await db.prisma.team.findMany({ where: { name: { startsWith: `${prefix}-` } }, select: { name: true } });
        const present = new Set(rows.map((r) => r.name));
        const missing = acked.filter((name) => !present.has(name));
        expect(missing).toEqual([]);
        // at most the one write in flight may have committed without its acknowledgement
        expect(present.size - acked.length).toBeLessThanOrEqual(1);
        // transactional pairs are whole: every even-numbered team has its audit row
        const audited = await db.prisma.auditLog.count({ where: { action: "durability.write", entityIds: { hasSome: [...present] } } });
        expect(audited).toBe([...present].filter((n) => Number(n.split("-")[1]) % 2 === 0).length);
      } finally {
        await db.close();
      }
    });
  }
});
