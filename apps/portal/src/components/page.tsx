// The page frame (title, heading focus) shared by the front ends (packages/ui).
export { Page } from "@evident/ui";
