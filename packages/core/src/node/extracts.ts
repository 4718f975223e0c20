/**
 * The keyed hash behind extract pseudonyms: HMAC-SHA256 with a per-extract
 * secret (kept on the server with the extract). The same id gives the same
 * pseudonym within one extract and an unrelated one in another.
 */
import { createHmac, randomBytes } from "node:crypto";
import { PSEUDONYM_PREFIX, type Pseudonymise } from "../extracts/index.js";

/** A fresh 256-bit secret, hex. */
export function newExtractSecret(): string {
  return randomBytes(32).toString("hex");
}

/** Pseudonyms like "C3f9a…" (prefix + 20 hex digits = 80 bits of the HMAC). */
export function hmacPseudonymiser(secretHex: string): Pseudonymise {
  if (!/^[0-9a-f]{64}$/.test(secretHex)) throw new Error("extract secret must be 64 hex digits");
  const key = Buffer.from(secretHex, "hex");
  const cache = new Map<string, string>();
  return (kind, id) => {
    const input = `${kind}:${id}`;
    let out = cache.get(input);
    if (out === undefined) {
      out = PSEUDONYM_PREFIX[kind] + createHmac("sha256", key).update(input).digest("hex").slice(0, 20);
      cache.set(input, out);
    }
    return out;
  };
}
