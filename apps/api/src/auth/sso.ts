/**
 * Single sign-on with the trust's OpenID Connect provider (Microsoft Entra ID
 * expected; any provider by issuer URL, client id and secret), through
 * better-auth's generic OAuth plugin. Only invited people get in: no sign-up
 * (an unknown email is refused with `error=signup_disabled`), and an existing
 * account is linked only when the provider says the email is verified
 * (`account_not_linked` otherwise). Disabled accounts are refused where every
 * session is made (auth.ts).
 *
 * Callback: <EVIDENT_BASE_URL>/api/auth/callback/oidc (register it at the provider).
 */
import { genericOAuth } from "better-auth/plugins";
import type { ApiConfig } from "../config.js";

export const SSO_PROVIDER_ID = "oidc";

export function ssoPlugins(config: Pick<ApiConfig, "oidc">) {
  if (!config.oidc) return [];
  const issuer = config.oidc.issuer.replace(/\/+$/, "");
  return [
    genericOAuth({
      config: [
        {
          providerId: SSO_PROVIDER_ID,
          name: config.oidc.label,
          discoveryUrl: `${issuer}/.well-known/openid-configuration`,
          clientId: config.oidc.clientId,
          clientSecret: config.oidc.clientSecret,
          scopes: ["openid", "email", "profile"],
          pkce: true,
          disableSignUp: true,
          disableImplicitSignUp: true,
          requireEmailVerification: true,
        },
      ],
    }),
  ];
}

/** What the sign-in page may know: whether SSO is on and what to call it. */
export function ssoOptions(config: Pick<ApiConfig, "oidc">) {
  return config.oidc ? { enabled: true as const, providerId: SSO_PROVIDER_ID, label: config.oidc.label } : { enabled: false as const };
}
