export * from "./analyse.js";
export * from "./cba.js";
export * from "./dataset.js";
export * from "./did.js";
export * from "./profiles.js";
export * from "./tariffs.js";
export * from "./warnings.js";
export * from "./windows.js";
