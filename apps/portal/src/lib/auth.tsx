/**
 * The signed-in user (role and permissions from `session.me`), through the
 * shared session provider in @evident/ui: the HttpOnly cookie is the only
 * credential and the front end never sees a token.
 */
import { createAuth } from "@evident/ui";
import { api, type RouterOutputs } from "./trpc.js";

export type Me = RouterOutputs["session"]["me"];
export type Permission = Me["permissions"][number];

export const { AuthProvider, useAuth } = createAuth(() => api.session.me.queryOptions());

export { ROLE_LABEL, signIn, signOut, type SignInResult } from "@evident/ui";
