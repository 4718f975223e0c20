export * from "./statutory.js";
