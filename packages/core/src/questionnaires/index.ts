export * from "./languages.js";
export * from "./translations.js";
export * from "./participant-texts.js";
