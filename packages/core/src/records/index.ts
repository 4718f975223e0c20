// Zod schemas for the recorded work (families, people, contact details,
// referrals, episodes, programmes, admin) and their building blocks.
export * from "./common.js";
export * from "./schemas.js";
export * from "./assessments.js";
export * from "./consent.js";
export * from "./hub.js";
export * from "./followUps.js";
export * from "./questionnaires.js";
export * from "./enrolments.js";
export * from "./referrals.js";
export * from "./case-checks.js";
export * from "./event-day.js";
export * from "./allocation.js";
export * from "./plain-errors.js";
export * from "./assessment-factors.js";
