/**
 * Training rules: courses, onboarding modules and plans, assignment (by plan,
 * role change or by hand, and who may assign to whom), external completions, expiry
 * and status, coverage against a target, turnover loss, the facilitator
 * pipeline, refresher reminders and the report's Table 26. Pure functions;
 * dates are ISO `YYYY-MM-DD` strings.
 */
export * from "./schemas.js";
export * from "./catalogue.js";
export * from "./status.js";
export * from "./assignment.js";
export * from "./manual.js";
export * from "./quiz.js";
export * from "./coverage.js";
export * from "./turnover.js";
export * from "./facilitators.js";
export * from "./reminders.js";
export * from "./sessions.js";
export * from "./due.js";
export * from "./todo.js";
export * from "./prerequisites.js";
export * from "./authoring.js";
