export * from "./statutory.js";
export * from "./ssd.js";
