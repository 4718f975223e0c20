#!/usr/bin/env node
// Copies govuk-frontend's fonts and images into a Vite app's `public/assets/`
// so the compiled GOV.UK CSS (which refers to /assets/fonts/… and
// /assets/images/…) works offline, in dev and in the build.
// Usage: node ../../packages/ui/scripts/copy-govuk-assets.mjs <public dir>
import { cpSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

const target = resolve(process.argv[2] ?? "public");
const require = createRequire(import.meta.url);
const pkg = dirname(require.resolve("govuk-frontend/package.json"));
const assets = join(pkg, "dist", "govuk", "assets");
for (const folder of ["fonts", "images"]) {
  mkdirSync(join(target, "assets", folder), { recursive: true });
  cpSync(join(assets, folder), join(target, "assets", folder), { recursive: true });
}
