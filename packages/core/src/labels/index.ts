export * from "./enum-labels.js";
