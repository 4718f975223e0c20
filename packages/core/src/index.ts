/**
 * @evident/core — the domain of Evident as zod schemas and pure functions.
 * No I/O, no database, no framework: the API, the CLI and analysts' own
 * scripts all call these functions. File and CSV loading lives in
 * `@evident/core/node`.
 *
 * @module
 */
export * from "./errors.js";
export * from "./dates.js";
export * from "./random.js";
export * from "./json.js";
export * from "./statuses.js";
export * from "./evaluation/index.js";
export * from "./reporting/index.js";
export * from "./access/index.js";
export * from "./records/index.js";
export * from "./training/index.js";
export * from "./monitoring/index.js";
export * from "./da-work/index.js";
export * from "./questionnaires/index.js";
export * from "./finance/index.js";
export * from "./quality/index.js";
export * from "./statutory/index.js";
export * from "./ssd/index.js";
export * from "./extracts/index.js";
export * from "./labels/index.js";
