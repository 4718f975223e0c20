// oidc-provider ships no type declarations; the tests use a small part of it (test/oidc-idp.ts).
declare module "oidc-provider" {
  const Provider: new (issuer: string, configuration: Record<string, unknown>) => { listen(port: number, host?: string): import("node:http").Server; proxy: boolean };
  export default Provider;
}
