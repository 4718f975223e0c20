import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readCookie, verifySignedToken } from "./session.js";

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
});
