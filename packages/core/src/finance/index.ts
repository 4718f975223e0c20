export * from "./finance.js";
