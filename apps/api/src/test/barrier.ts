/**
 * Helpers for the information-barrier tests: victim–perpetrator pairs made
 * through the API as staff would make them, canaries unique to each victim,
 * and walks over every query and every mutation procedure that scan what comes back.
 */
import { expect } from "vitest";
import { ACCESS_MATRIX } from "../trpc/access-matrix.js";
import { buildInput } from "./build-input.js";
import type { InputState } from "./input-state.js";
import { callPath, listProcedures, outcome } from "./procedures.js";
import type { TestApp } from "./harness.js";

type Caller = Awaited<ReturnType<TestApp["as"]>>;

let serial = 0;
const tag = () => `${Date.now().toString(36).slice(-5)}${(serial++).toString(36)}`.toUpperCase();

/** A victim's contact details whose every value is unique to her (so a leak is unmistakable). */
export function canaryContact(n: number) {
  const digits = String(100 + (n % 900)).padStart(3, "0");
  return {
    addressLine1: `${digits} Kestrel Close`,
    town: "Slough",
    postcode: `SL${1 + (n % 9)} ${1 + (n % 9)}QX`,
    phone: `07700 900${digits}`,
    email: `safe.${digits}@example.org`,
    safeTimes: `weekday mornings ${digits}`,
    unsafePeople: [`Former partner ${digits}`],
    confidentiality: "protected" as const,
  };
}

/** The strings that must never reach someone barred from her (compared without spaces too). */
export function canariesOf(contact: ReturnType<typeof canaryContact>): string[] {
  const values = [contact.addressLine1, contact.postcode, contact.phone, contact.email, contact.safeTimes, ...contact.unsafePeople];
  return [...new Set([...values, ...values.map((v) => v.replace(/\s+/g, ""))])];
}

export function leaks(value: unknown, canaries: readonly string[]): string[] {
  const text = JSON.stringify(value ?? null, (_k, v) => (v instanceof Error ? { message: v.message, cause: String(v.cause ?? "") } : v));
  const squashed = text.replace(/\s+/g, "");
  return canaries.filter((c) => text.includes(c) || squashed.includes(c));
}

export async function newFamily(caller: Caller, name: string) {
  const reference = `F${tag()}`.slice(0, 20);
  return caller.families.create({ reference, name });
}

export async function newPerson(caller: Caller, familyId: string, familyRole: "victim" | "perpetrator" | "child" | "parent_carer", firstName: string) {
  return caller.people.create({ familyId, reference: `P${tag()}`.slice(0, 20), kind: familyRole === "child" ? "child" : "adult", familyRole, firstName, lastName: "Example" });
}

export const PERPETRATOR_CHECKS = { track: "perpetrators" as const, partnerOfferedSupport: true, riskAssessed: true };

/**
 * Calls every query procedure with every id given, in every input shape the API uses, and
 * expects none of the canaries in any answer (values or errors). Returns how many calls answered.
 */
export async function expectNoLeakOnAnyRead(caller: Caller, ids: readonly string[], canaries: readonly string[]): Promise<number> {
  const inputs: unknown[] = [{}, undefined];
  for (const id of ids) inputs.push({ id }, { personId: id }, { childId: id }, { familyId: id }, { sessionId: id }, { groupId: id }, { hubCaseId: id });
  let answered = 0;
  for (const p of listProcedures().filter((x) => x.type === "query")) {
    for (const input of inputs) {
      const result = await outcome(callPath(caller, p.path, input));
      if (result.code === "OK") answered++;
      expect(result.code, `${p.path} ${JSON.stringify(input)}`).not.toBe("INTERNAL_SERVER_ERROR");
      expect(leaks(result, canaries), `${p.path} ${JSON.stringify(input)}`).toEqual([]);
    }
  }
  return answered;
}

/**
 * Calls every mutation `state.caller`'s role may call, with its valid input (test/valid-inputs.ts) and
 * with each of its id fields set in turn to each id given, and expects none of the canaries in any
 * answer (values or errors). Returns how many calls were made.
 */
export async function expectNoLeakOnAnyWrite(caller: Caller, state: InputState, ids: readonly string[], canaries: readonly string[]): Promise<number> {
  let calls = 0;
  for (const p of listProcedures().filter((x) => x.type === "mutation" && (ACCESS_MATRIX[x.path] ?? []).includes(state.caller.role))) {
    const base = await buildInput(p.path, state);
    const idKeys = base && typeof base === "object" ? Object.keys(base).filter((k) => k === "id" || /Id$/.test(k)) : [];
    const variants: (() => Promise<unknown>)[] = [async () => base];
    for (const key of idKeys) for (const id of ids) variants.push(async () => ({ ...((await buildInput(p.path, state)) as object), [key]: id }));
    for (const variant of variants) {
      const input = await variant();
      const result = await outcome(callPath(caller, p.path, input));
      calls++;
      expect(result.code, `${p.path} ${JSON.stringify(input)?.slice(0, 120)}`).not.toBe("INTERNAL_SERVER_ERROR");
      expect(leaks(result, canaries), `${p.path} ${JSON.stringify(input)?.slice(0, 120)}`).toEqual([]);
    }
  }
  return calls;
}
