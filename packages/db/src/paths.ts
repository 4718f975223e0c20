import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** This package's folder (the parent of `src/` or `dist/`). */
export const packageRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The committed SQL migrations. */
export const migrationsDir: string = join(packageRoot, "prisma", "migrations");

/** The monorepo root: the nearest ancestor with a package.json that declares workspaces; else the working directory. */
export function repoRoot(): string {
  let dir = resolve(packageRoot, "..");
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, "utf8")).workspaces) return dir;
      } catch {
        // not JSON: keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** Default folder of the embedded database: `<repo>/.data/pglite` (git-ignored). */
export function defaultDataDir(): string {
  return join(repoRoot(), ".data", "pglite");
}
