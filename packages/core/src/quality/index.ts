/** Practice quality: case-file audits and staff surveys. */
export * from "./audits.js";
export * from "./audits-template.js";
export * from "./surveys.js";
