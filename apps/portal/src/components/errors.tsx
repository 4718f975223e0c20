// The shared error and loading states (packages/ui).
export { ErrorBoundary, Loading, ProblemPage, QueryError } from "@evident/ui";
