import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readCookie, verifySignedToken, verifySignedTokenCached } from "./session.js";

const sign = (token: string, secret: string) => `${token}.${createHmac("sha256", secret).update(token).digest("base64")}`;

describe("session cookie", () => {
  const secret = "a-long-test-secret-of-at-least-32-characters";
  it("reads one cookie out of a header, URL-decoded", () => {
    const value = sign("tok123", secret);
    const header = `theme=dark; better-auth.session_token=${encodeURIComponent(value)}; other=1`;
    expect(readCookie(header, "better-auth.session_token")).toBe(value);
    expect(readCookie(header, "__Secure-better-auth.session_token")).toBeNull();
    expect(readCookie("better-auth.session_token=%E0%A4%A", "better-auth.session_token")).toBeNull();
  });
  it("accepts better-auth's signature and refuses a changed token, signature or secret", () => {
    const value = sign("tok123", secret);
    expect(verifySignedToken(value, secret)).toBe("tok123");
    expect(verifySignedToken(value.replace("tok123", "tok124"), secret)).toBeNull();
    expect(verifySignedToken(value, `${secret}x`)).toBeNull();
    expect(verifySignedToken("tok123", secret)).toBeNull();
    expect(verifySignedToken("tok123.AAAA", secret)).toBeNull();
    expect(verifySignedToken(".abc", secret)).toBeNull();
  });
  it("remembers a verified value only for its own secret, and never remembers a refused one", () => {
    const value = sign("tok-cached", secret);
    expect(verifySignedTokenCached(value, secret)).toBe("tok-cached");
    expect(verifySignedTokenCached(value, secret)).toBe("tok-cached");
    // The same value under another secret is checked afresh, and refused.
    expect(verifySignedTokenCached(value, `${secret}-other`)).toBeNull();
    const forged = value.replace("tok-cached", "tok-forged");
    expect(verifySignedTokenCached(forged, secret)).toBeNull();
    expect(verifySignedTokenCached(forged, secret)).toBeNull();
  });
  it("keeps at most 10,000 values per secret, dropping the oldest, and still verifies a dropped one", () => {
    const s2 = `${secret}-bounded`;
    const first = sign("tok-0", s2);
    expect(verifySignedTokenCached(first, s2)).toBe("tok-0");
    for (let i = 1; i <= 10_000; i++) verifySignedTokenCached(sign(`tok-${i}`, s2), s2);
    expect(verifySignedTokenCached(first, s2)).toBe("tok-0");
  });
});
