export * from "./load-csv.js";
export * from "./csv-scan.js";
export * from "./statutory-files.js";
export * from "./extracts.js";
export * from "./ssd-files.js";
export * from "./zip.js";
export * from "./reference-files.js";
