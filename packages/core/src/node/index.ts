export * from "./load-csv.js";
