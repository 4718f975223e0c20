/**
 * File reading for Node.js: the analysis CSV loader (on several cores), and the readers of statutory returns,
 * SSD folders, reference data and zip files. The pure domain is `@evident/core`.
 *
 * @module
 */
export * from "./load-csv.js";
export * from "./csv-scan.js";
export * from "./statutory-files.js";
export * from "./extracts.js";
export * from "./ssd-files.js";
export * from "./zip.js";
export * from "./reference-files.js";
