/**
 * Child process for the import kill test: opens (and migrates) the embedded
 * database in argv[2], prints "ready", then imports a synthetic extract of
 * argv[3] children, printing each step; the parent SIGKILLs it at a chosen moment.
 */
import { createDb } from "../client.js";
import { sampleExtract } from "../import/sample.js";
import { importStatutory } from "../import/statutory.js";

const dir = process.argv[2]!;
const n = Number(process.argv[3] ?? 1000);
const db = await createDb({ dataDir: dir, databaseUrl: null, migrate: true });
const extract = sampleExtract(n);
process.stdout.write("ready\n");
await importStatutory(db, extract, { files: [{ name: "kill-test.csv", kind: "ssda903-episodes-csv", rows: n }], batch: 500, onStep: (s) => process.stdout.write(`${s}\n`) });
process.stdout.write("done\n");
await db.close();
process.exit(0);
