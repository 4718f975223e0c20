/**
 * Records a spec makes for itself, uniquely named, so that no spec leans on
 * the demo seed's operational rows or their order (issue #21 finding 5).
 * Used in a setup step where the record is not what the spec is about; what
 * the spec is about is entered through the screens. Calls go through the
 * product's own tRPC API (no data transformer), signed in as a demo role.
 */
import { expect, request, type APIRequestContext, type Locator } from "@playwright/test";
import { authFile, type Role } from "./fixtures.js";

/** A short tag unique to this run (and to each call), for names and references. */
let counter = 0;
export const uniq = () => `${Date.now().toString(36).toUpperCase().slice(-5)}${(counter++).toString(36).toUpperCase()}`;

const baseURL = () => process.env.E2E_BASE_URL ?? `http://localhost:${process.env.E2E_PORT}`;

/** An API client signed in as `role` (the cookie kept by the global setup). */
export async function apiAs(role: Role) {
  const ctx = await request.newContext({ baseURL: baseURL(), storageState: authFile(role), extraHTTPHeaders: { origin: new URL(baseURL()).origin } });
  return new Api(ctx);
}

export class Api {
  constructor(readonly ctx: APIRequestContext) {}

  async query<T = unknown>(path: string, input?: unknown): Promise<T> {
    const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const res = await this.ctx.get(`/trpc/${path}${qs}`);
    const body = await res.json();
    expect(res.ok(), `${path}: ${JSON.stringify(body).slice(0, 400)}`).toBe(true);
    return body.result.data as T;
  }

  async mutate<T = unknown>(path: string, input: unknown): Promise<T> {
    const res = await this.ctx.post(`/trpc/${path}`, { data: input, headers: { "content-type": "application/json" } });
    const body = await res.json();
    expect(res.ok(), `${path}: ${JSON.stringify(body).slice(0, 400)}`).toBe(true);
    return body.result.data as T;
  }

  dispose() {
    return this.ctx.dispose();
  }
}

export interface Made {
  id: string;
  name: string;
  reference: string;
}

/** A new family with a unique name and case reference. */
export async function makeFamily(api: Api, stem: string): Promise<Made> {
  const tag = uniq();
  const name = `${stem} ${tag}`;
  const reference = `E2E-${tag}`;
  const row = await api.mutate<{ id: string }>("families.create", { reference, name });
  return { id: row.id, name, reference };
}

export interface MadePerson {
  id: string;
  firstName: string;
  lastName: string;
  full: string;
  reference: string;
}

/** A new person in a family; the last name carries a unique tag. */
export async function makePerson(
  api: Api,
  familyId: string,
  p: { first: string; last: string; kind?: "child" | "adult"; role: "child" | "parent_carer" | "victim" | "perpetrator" | "other"; birthDate?: string },
): Promise<MadePerson> {
  const tag = uniq();
  const lastName = `${p.last}${tag}`;
  const reference = `P-${tag}`;
  const row = await api.mutate<{ id: string }>("people.create", {
    familyId,
    reference,
    kind: p.kind ?? (p.role === "child" ? "child" : "adult"),
    familyRole: p.role,
    firstName: p.first,
    lastName,
    ...(p.birthDate ? { birthDate: p.birthDate } : {}),
  });
  return { id: row.id, firstName: p.first, lastName, full: `${p.first} ${lastName}`, reference };
}

/** The staff id of the demo user with `role` (a manager's call). */
export async function staffIdOf(manager: Api, role: Role) {
  const workers = await manager.query<{ staffId: string; role: string | null }[]>("families.workers");
  const found = workers.find((w) => w.role === role);
  expect(found, `a ${role} on the staff`).toBeTruthy();
  return found!.staffId;
}

/** Allocates the demo user with `role` to a family (as a second, not lead, worker). */
export async function allocate(manager: Api, familyId: string, role: Role) {
  await manager.mutate("families.allocate", { familyId, staffId: await staffIdOf(manager, role), lead: false });
}

/** An ISO date `days` from today (negative for the past). */
export function isoDay(days: number) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A new group of the Inspiring Families Programme, set up by the manager and
 * facilitated by the demo domestic-abuse worker, with its sessions scheduled
 * weekly from `startDate`.
 */
export async function makeGroup(
  manager: Api,
  g: { stem: string; track: "victims" | "perpetrators"; startDate: string; sessions?: number; slot?: "day" | "evening" },
): Promise<Made & { sessionIds: string[] }> {
  const programmes = await manager.query<{ items: { id: string; name: string }[] }>("programmes.list", { limit: 100 });
  const ifp = programmes.items.find((p) => p.name === "Inspiring Families Programme");
  expect(ifp, "the Inspiring Families Programme").toBeTruthy();
  const dv = await staffIdOf(manager, "dv_worker");
  const tag = uniq();
  const name = `${g.stem} ${tag}`;
  const planned = g.sessions ?? 10;
  const slot = g.slot ?? "evening";
  const row = await manager.mutate<{ id: string }>("programmes.groups.create", {
    programmeId: ifp!.id,
    name,
    track: g.track,
    language: "English",
    slot,
    childcare: true,
    venue: `E2E hall ${tag}`,
    startDate: g.startDate,
    sessionsPlanned: planned,
    completionThreshold: Math.min(8, planned),
    facilitatorStaffIds: [dv],
  });
  const sessionIds: string[] = [];
  const start = Date.parse(`${g.startDate}T${slot === "evening" ? "18:00" : "10:00"}:00Z`);
  for (let n = 1; n <= planned; n++) {
    const s = await manager.mutate<{ id: string }>("programmes.sessions.create", { groupId: row.id, number: n, startsAt: new Date(start + (n - 1) * 7 * 86_400_000).toISOString(), durationMinutes: 120 });
    sessionIds.push(s.id);
  }
  return { id: row.id, name, reference: tag, sessionIds };
}

/** Refers a person into a group with the safety checks of its track passed. */
export async function enrol(api: Api, groupId: string, personId: string, track: "victims" | "perpetrators") {
  const safetyChecks =
    track === "victims" ? { track, perpetratorAbsent: true, travel: "Bus, with a travel pass", safeToContact: true } : { track, partnerOfferedSupport: true, riskAssessed: true };
  return api.mutate<{ id: string }>("programmes.enrolments.create", { groupId, personId, safetyChecks });
}

/** Types "YYYY-MM-DD" into a GOV.UK day/month/year input (the fieldset `group`), as a person would: "7", "3", "2026". */
export async function fillDate(group: Locator, iso: string) {
  const [year, month, day] = iso.split("-");
  await group.getByLabel("Day").fill(String(Number(day)));
  await group.getByLabel("Month").fill(String(Number(month)));
  await group.getByLabel("Year").fill(year!);
}
