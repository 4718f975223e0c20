/**
 * The generated API docs (docs/api, made by `npm run docs:api`) must name every
 * value and type that the two entry points export, so an export added without
 * regenerating the docs fails here. The exports are read from the source text
 * (following `export * from`), which takes milliseconds where importing the
 * whole core would take over a second.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const src = new URL("./", import.meta.url);
const docs = new URL("../docs/api/@evident/core/", import.meta.url);

const DECLARATION = /^export (?:declare )?(?:async )?(?:abstract )?(?:function\*?|const enum|const|let|var|class|enum|interface|type) ([A-Za-z_$][\w$]*)/gm;
const LIST = /^export (?:type )?\{([^}]*)\}/gm;
const STAR = /^export \* from "([^"]+)"/gm;
const STAR_AS = /^export \* as ([A-Za-z_$][\w$]*) from/gm;

/** Every name a module exports, following its `export * from` chains. */
function exportedNames(file: URL, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file.href)) return names;
  seen.add(file.href);
  const text = readFileSync(file, "utf8");
  for (const [, name] of text.matchAll(DECLARATION)) names.add(name!);
  for (const [, name] of text.matchAll(STAR_AS)) names.add(name!);
  for (const [, list] of text.matchAll(LIST)) {
    for (const part of list!.split(",")) {
      const name = part.replace(/^\s*type\s+/, "").split(/\s+as\s+/).pop()!.trim();
      if (name) names.add(name);
    }
  }
  for (const [, specifier] of text.matchAll(STAR)) {
    const target = new URL(specifier!.replace(/\.js$/, ".ts"), file);
    const resolved = existsSync(target) ? target : new URL(specifier!.replace(/\.js$/, "") + "/index.ts", file);
    for (const name of exportedNames(resolved, seen)) names.add(name);
  }
  return names;
}

/** The names listed in a module's page of the generated docs (one table row each). */
function documentedNames(indexFile: URL): Set<string> {
  const markdown = readFileSync(indexFile, "utf8");
  return new Set([...markdown.matchAll(/^\| \[([^\]]+)\]\(/gm)].map((match) => match[1]!.replace(/\\/g, "")));
}

describe("generated API docs (packages/core/docs/api)", () => {
  it.each([
    ["@evident/core", "index.ts", "README.md"],
    ["@evident/core/node", "node/index.ts", "node/README.md"],
  ])("%s: every export is documented; if not, run npm run docs:api", (_entry, entryFile, docsPage) => {
    const exported = [...exportedNames(new URL(entryFile, src))].sort();
    const documented = documentedNames(new URL(docsPage, docs));
    expect(exported.length).toBeGreaterThan(20);
    expect(exported.filter((name) => !documented.has(name))).toEqual([]);
  });

  it("reads every kind of export (errors.ts; a re-export by name in statutory/index.ts)", () => {
    expect([...exportedNames(new URL("errors.ts", src))].sort()).toEqual(["DomainError", "DomainErrorCode", "DomainIssue", "isDomainError", "parseOrThrow"]);
    expect(exportedNames(new URL("statutory/index.ts", src))).toContain("normalisePostcode");
  });
});
