/** Display helpers (formatting only; no domain rules). */
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2020-03-01" → "1 March 2020"; anything else → "Not recorded" or the text itself. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "Not recorded";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "Not recorded";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${formatDay(iso.slice(0, 10))} ${d.toISOString().slice(11, 16)}`;
}

export function trackLabel(track: string): string {
  return track === "victims" ? "Victims' track" : track === "perpetrators" ? "Perpetrators' track" : track;
}

export const FAMILY_ROLE_LABEL: Record<string, string> = {
  child: "Child",
  parent_carer: "Parent or carer",
  victim: "Victim",
  perpetrator: "Perpetrator",
  other: "Other",
};

export const STATUS_LABEL: Record<string, string> = { CIN: "Child in need (CIN)", CP: "Child protection plan (CP)", CLA: "Looked after (CLA)" };

export function money(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  const sign = n < 0 ? "−" : "";
  return `${sign}£${Math.abs(Math.round(n)).toLocaleString("en-GB")}`;
}

export function num(n: number | null | undefined, dp = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  return n.toLocaleString("en-GB", { minimumFractionDigits: dp, maximumFractionDigits: dp }).replace(/^-/, "−");
}

/** The child an assessment is about, masked when the record is restricted. */
export const childName = (a: { child?: unknown }) => {
  const c = a.child as { firstName: string; lastName: string; restricted: boolean } | null | undefined;
  return !c ? "Child" : c.restricted ? "Restricted child" : `${c.firstName} ${c.lastName}`;
};

/** How to make contact with a person (ContactDetails.preferredChannel). */
export const CHANNEL_LABEL: Record<string, string> = { phone: "Phone call", sms: "Text message", email: "Email", letter: "Letter", in_person: "In person", none: "Do not contact" };
