export * from "./load-csv.js";
export * from "./csv-scan.js";
