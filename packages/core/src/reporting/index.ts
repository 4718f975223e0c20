export * from "./tables.js";
export * from "./analysis-tables.js";
