// A local TypeDoc plugin for `npm run docs:api` (not part of the package).
// 1. Names the two modules after their import paths.
// 2. Puts every export in a category named after the folder of src/ that
//    defines it, so the index of the API docs reads by area, not by kind.
import { Comment, CommentTag, Converter, ReflectionKind } from "typedoc";

const MODULE_NAMES = {
  "index": "@evident/core",
  "node": "@evident/core/node",
};

const AREAS = {
  "access": "Access rules",
  "da-work": "Domestic abuse work",
  "evaluation": "Evaluation",
  "extracts": "Pseudonymised extracts",
  "finance": "Programme finance",
  "labels": "Labels",
  "monitoring": "Monitoring",
  "quality": "Practice quality",
  "questionnaires": "Questionnaires",
  "records": "Record inputs",
  "reporting": "Report tables",
  "ssd": "Standard Safeguarding Dataset",
  "statutory": "Statutory returns",
  "training": "Training",
  "node": "File loaders",
};

function areaOf(fileName) {
  const match = /\/src\/(?:([^/]+)\/)?([^/]+)\.ts$/.exec(fileName.replace(/\\/g, "/"));
  if (!match) return undefined;
  const [, folder, file] = match;
  if (folder && AREAS[folder]) return AREAS[folder];
  if (!folder && ["dates", "day-numbers", "random", "json", "errors", "statuses"].includes(file)) return "Basics";
  return undefined;
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  /** @type {Map<import("typedoc").DeclarationReflection, string>} */
  const areas = new Map();
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (reflection.kindOf(ReflectionKind.Module)) {
      reflection.name = MODULE_NAMES[reflection.name] ?? reflection.name;
      return;
    }
    if (!reflection.parent?.kindOf(ReflectionKind.Module)) return;
    const fileName = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName;
    const area = fileName && areaOf(fileName);
    if (area) areas.set(reflection, area);
  });
  // Before the categories are made; a function's comment lives on its signature.
  app.converter.on(
    Converter.EVENT_RESOLVE_BEGIN,
    () => {
      for (const [reflection, area] of areas) {
        const comment = reflection.comment ?? reflection.signatures?.[0]?.comment ?? (reflection.comment = new Comment());
        if (!comment.getTag("@category")) comment.blockTags.push(new CommentTag("@category", [{ kind: "text", text: area }]));
      }
    },
    1000,
  );
}
