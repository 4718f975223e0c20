// Roles, permissions, record scope, field rules, sessions, lockout and the
// information barrier: pure data and functions, no I/O.
export * from "./roles.js";
export * from "./permissions.js";
export * from "./scope.js";
export * from "./barrier.js";
export * from "./fields.js";
export * from "./session.js";
export * from "./lockout.js";
export * from "./password.js";
export * from "./consent.js";
export * from "./links.js";
export * from "./accounts.js";
export * from "./handover.js";
