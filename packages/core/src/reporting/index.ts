export * from "./tables.js";
export * from "./analysis-tables.js";
export * from "./matching-tables.js";
