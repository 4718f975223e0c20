// Monitoring measures, indicators, targets and logic models (report section 3 and Appendix 1).
export * from "./periods.js";
export * from "./records.js";
export * from "./measures.js";
export * from "./catalogue.js";
export * from "./targets.js";
export * from "./logic-model.js";
export * from "./report-models.js";
export * from "./editing.js";
export * from "./indicator-series.js";
export * from "./plans.js";
