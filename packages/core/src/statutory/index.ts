export * from "./model.js";
export * from "./codes.js";
export * from "./read.js";
export * from "./analysis.js";
export * from "./write.js";
export * from "./catalogue.js";
export * from "./flags.js";
export * from "./previous-year.js";
