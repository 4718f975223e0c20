/**
 * Child process for the import kill test: opens the database in argv[2] (a
 * folder: the embedded database, migrated; a postgres:// URL: PostgreSQL,
 * already migrated), prints "ready", then imports a synthetic extract of
 * argv[3] children, printing each step (staging, staging-episodes — in the
 * middle of the episodes' COPY —, staged, planned, children, …, committing);
 * the parent SIGKILLs it at a chosen moment. With argv[4] = a step name, the
 * process stops dead (event loop blocked) right after printing that step, so
 * the kill is certain to land there: e.g. "committing" = after every write,
 * before COMMIT.
 */
import { createDb } from "../client.js";
import { sampleExtract } from "../import/sample.js";
import { importStatutory } from "../import/statutory.js";

const target = process.argv[2]!;
const n = Number(process.argv[3] ?? 1000);
const freezeAt = process.argv[4] ?? "";
const db = /^postgres(ql)?:\/\//.test(target) ? await createDb({ databaseUrl: target, poolMax: 2 }) : await createDb({ dataDir: target, databaseUrl: null, migrate: true });
const extract = sampleExtract(n);
process.stdout.write("ready\n");
const onStep = (s: string) => {
  process.stdout.write(`${s}\n`); // synchronous on a pipe (Linux): the parent sees it before the freeze
  if (s === freezeAt) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
};
await importStatutory(db, extract, { files: [{ name: "kill-test.csv", kind: "ssda903-episodes-csv", rows: n }], batch: 500, onStep });
process.stdout.write("done\n");
await db.close();
process.exit(0);
