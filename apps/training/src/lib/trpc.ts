/**
 * The typed API client: `api.<router>.<procedure>.queryOptions(input)` /
 * `.mutationOptions()` for TanStack Query (see createApiClient in @evident/ui).
 * Only the router TYPE comes from the API.
 */
import type { AppRouter } from "@evident/api";
import { createApiClient } from "@evident/ui";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const { client, api } = createApiClient<AppRouter>();

export { errorInfo, TRPCClientError, type ApiErrorInfo } from "@evident/ui";
