export { default } from "./hub-case.js";
