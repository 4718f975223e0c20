/** Signs in each demo role once through the API and keeps its cookie for the tests (no tokens in storage). */
import { request, type FullConfig } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { authFile, email, paceSignIn, PASSWORD, ROLES } from "./fixtures.js";

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]!.use.baseURL!;
  for (const role of ROLES) {
    const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL).origin } });
    let res = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      await paceSignIn();
      res = await ctx.post("/api/auth/sign-in/email", { data: { email: email(role), password: PASSWORD } });
      if (res.status() !== 429) break;
      await new Promise((r) => setTimeout(r, 10_000));
    }
    if (!res || !res.ok()) throw new Error(`global setup: sign-in as ${role} failed (${res?.status()})`);
    mkdirSync(dirname(authFile(role)), { recursive: true });
    await ctx.storageState({ path: authFile(role) });
    await ctx.dispose();
  }
}
