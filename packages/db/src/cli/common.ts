import { createDb, type Db } from "../client.js";

export function describe(db: Db): string {
  return db.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : db.dataDir ? `embedded PGlite in ${db.dataDir}` : "embedded PGlite in memory";
}

export function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

export async function run(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

export { createDb };
