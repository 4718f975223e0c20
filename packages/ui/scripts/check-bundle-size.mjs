#!/usr/bin/env node
// Fails when a front end's initial JavaScript (the entry chunk and every chunk
// it imports statically, as listed in dist/index.html) is over the budget,
// gzipped. Lazy-loaded pages are not counted; they are listed for information.
// Run from the app's folder (`node ../../packages/ui/scripts/check-bundle-size.mjs [dist]`);
// the app's base path (e.g. /training/) does not matter.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = Number(process.env.EVIDENT_JS_BUDGET_KB ?? 300);
const dist = resolve(process.argv[2] ?? "dist");
if (!existsSync(join(dist, "index.html"))) {
  console.error("check-bundle-size: dist/index.html not found; run `vite build` first");
  process.exit(1);
}
const html = readFileSync(join(dist, "index.html"), "utf8");
const initial = new Set();
for (const m of html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="[^"]*?(assets\/[^"]+\.js)"/g)) initial.add(m[1]);

const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;
let total = 0;
for (const file of initial) total += gz(file);
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

const all = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js"));
console.log("Initial JavaScript (gzipped):");
for (const file of initial) console.log(`  ${file.padEnd(48)} ${kb(gz(file))}`);
console.log(`  total${" ".repeat(44)}${kb(total)} (budget ${BUDGET_KB} kB)`);
console.log("Lazy chunks (gzipped):");
for (const f of all.filter((f) => !initial.has(`assets/${f}`)).sort()) console.log(`  assets/${f.padEnd(41)} ${kb(gz(`assets/${f}`))}`);
if (initial.size === 0) {
  console.error("check-bundle-size: no script found in dist/index.html");
  process.exit(1);
}
if (total > BUDGET_KB * 1024) {
  console.error(`check-bundle-size: initial JavaScript is ${kb(total)} gzipped, over the ${BUDGET_KB} kB budget`);
  process.exit(1);
}
