export * from "./tables.js";
export * from "./codes.js";
export * from "./read.js";
export * from "./analysis.js";
export * from "./generate.js";
export * from "./records.js";
