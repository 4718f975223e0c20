/**
 * Drafts: what someone has typed into a record form, kept on this device as
 * they type so a reload or a crash does not lose it. Drafts are personal data
 * on a device that may be shared, so (docs/security.md, "Drafts on the device"):
 * - each is stored under the signed-in user's id and only that user is offered it;
 * - nothing whose name looks like a password, secret, token or PIN is stored;
 * - each expires 24 hours after it was last saved (expired drafts are removed when read);
 * - signing out removes every draft on the device, whoever's.
 * Nothing is stored while nobody is signed in.
 */
const DRAFT_PREFIX = "evident:draft:";
/** How long a draft is kept after it was last saved. */
export const DRAFT_TTL_MS = 24 * 60 * 60 * 1000;

export interface Draft<T> {
  savedAt: string;
  values: T;
}

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

const SECRET_NAME = /pass(word|code|phrase)?$|^pin$|secret|token|otp/i;

/** A copy of `values` without any property whose name looks like a secret (at any depth). */
export function withoutSecrets(values: unknown): unknown {
  if (Array.isArray(values)) return values.map(withoutSecrets);
  if (!values || typeof values !== "object") return values;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values as Record<string, unknown>)) if (!SECRET_NAME.test(k)) out[k] = withoutSecrets(v);
  return out;
}

export function createDraftStore(storage: () => DraftStorage | null, now: () => number = Date.now) {
  let owner: string | null = null;
  const keyOf = (key: string) => (owner ? `${DRAFT_PREFIX}${owner}:${key}` : null);
  const safely = <R>(fn: (s: DraftStorage) => R, fallback: R): R => {
    try {
      const s = storage();
      return s ? fn(s) : fallback;
    } catch {
      return fallback; // storage full or disabled: the form still holds the values
    }
  };
  const allKeys = (s: DraftStorage, prefix: string) => {
    const keys: string[] = [];
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (k?.startsWith(prefix)) keys.push(k);
    }
    return keys;
  };
  const expired = (raw: string) => {
    try {
      const savedAt = Date.parse((JSON.parse(raw) as Draft<unknown>).savedAt);
      return !Number.isFinite(savedAt) || now() - savedAt > DRAFT_TTL_MS;
    } catch {
      return true;
    }
  };
  return {
    /** Whose drafts are read and written: the signed-in user's id, or null (then nothing is kept). Expired drafts of everyone are removed. */
    setOwner(userId: string | null) {
      if (userId === owner) return;
      owner = userId;
      safely((s) => {
        for (const k of allKeys(s, DRAFT_PREFIX)) if (expired(s.getItem(k) ?? "")) s.removeItem(k);
      }, undefined);
    },
    owner: () => owner,
    save(key: string, values: unknown) {
      const k = keyOf(key);
      if (!k) return;
      safely((s) => s.setItem(k, JSON.stringify({ savedAt: new Date(now()).toISOString(), values: withoutSecrets(values) })), undefined);
    },
    load<T>(key: string): Draft<T> | null {
      const k = keyOf(key);
      if (!k) return null;
      return safely((s) => {
        const raw = s.getItem(k);
        if (!raw) return null;
        if (expired(raw)) {
          s.removeItem(k);
          return null;
        }
        return JSON.parse(raw) as Draft<T>;
      }, null);
    },
    clear(key: string) {
      const k = keyOf(key);
      if (k) safely((s) => s.removeItem(k), undefined);
    },
    /** At sign-out: every draft on this device, whoever's. */
    clearAll() {
      safely((s) => {
        for (const k of allKeys(s, DRAFT_PREFIX)) s.removeItem(k);
      }, undefined);
    },
  };
}

export type DraftStore = ReturnType<typeof createDraftStore>;

/** The drafts of this browser (localStorage, so they survive a reload and a closed tab). */
export const drafts = createDraftStore(() => (typeof localStorage === "undefined" ? null : localStorage));
