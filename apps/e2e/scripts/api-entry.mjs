// Runs the API's entry point (apps/api/src/main.ts) under tsx's loader, from
// apps/api so its relative paths resolve as they do with `npm start`.
process.chdir(new URL("../../api/", import.meta.url).pathname);
await import("../../api/src/main.ts");
