/**
 * @evident/ui — thin React bindings for the GOV.UK Design System, shared by
 * the portal and the training app. Import "@evident/ui/styles.css" once.
 */
export * from "./forms.js";
export * from "./form-state.js";
export * from "./layout.js";
export { cx } from "./util.js";
