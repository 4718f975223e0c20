/**
 * @evident/ui — thin React bindings for the GOV.UK Design System, shared by
 * the portal and the training app. Import "@evident/ui/styles.css" once.
 */
export * from "./forms.js";
export * from "./date-range.js";
export * from "./form-state.js";
export * from "./drafts.js";
export * from "./form-draft.js";
export * from "./state-draft.js";
export * from "./layout.js";
export * from "./confirm.js";
export { cx, downloadBase64 } from "./util.js";
export * from "./api-client.js";
export * from "./session.js";
export * from "./errors.js";
export * from "./page.js";
export * from "./sign-in.js";
export * from "./password.js";
export * from "./shell.js";
export * from "./charts.js";
export { lazyPage } from "./lazy-page.js";
