/**
 * A child's status timeline: CIN/CP/CLA episodes as bars, referrals and
 * assessments as markers, all on one time axis (SVG, no chart library). The
 * same events are listed in a table under "Show the numbers".
 */
import { Details, Table } from "@evident/ui";
import { formatDay, STATUS_LABEL } from "../lib/format.js";

export interface TimelineEpisode {
  id: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
}
export interface TimelineEvent {
  id: string;
  kind: "referral" | "assessment";
  date: string | null;
  label: string;
}

const COLOURS: Record<string, string> = { CIN: "#1d70b8", CP: "#d4351c", CLA: "#4c2c92" };
const DAY = 86_400_000;

function t(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const v = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(v) ? null : v;
}

export function StatusTimeline({ childName, episodes, events, today }: { childName: string; episodes: TimelineEpisode[]; events: TimelineEvent[]; today: string }) {
  const now = t(today)!;
  const times = [...episodes.flatMap((e) => [t(e.startDate), t(e.endDate)]), ...events.map((e) => t(e.date))].filter((x): x is number => x !== null);
  if (times.length === 0) {
    return <p className="govuk-body">No episodes, referrals or assessments are recorded for {childName}.</p>;
  }
  // The axis covers the records (and today only while an episode is still open).
  const open = episodes.some((e) => e.startDate && !e.endDate);
  const first = Math.min(...times);
  const last = Math.max(...times, open ? now : first + 365 * DAY);
  const min = first - 30 * DAY;
  const max = last + 30 * DAY;
  const showToday = now <= max;
  const W = 900;
  const L = 60;
  const R = 20;
  const x = (v: number) => L + ((v - min) / (max - min)) * (W - L - R);
  const years: number[] = [];
  for (let y = new Date(min).getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= max; y++) years.push(y);
  const quarters: number[] = [];
  for (let y = new Date(min).getUTCFullYear(); Date.UTC(y, 0, 1) <= max; y++) for (const m of [3, 6, 9]) if (Date.UTC(y, m, 1) > min && Date.UTC(y, m, 1) < max) quarters.push(Date.UTC(y, m, 1));
  const rows = [
    { key: "status", label: "Status", y: 30 },
    { key: "referral", label: "Referrals", y: 70 },
    { key: "assessment", label: "Assessments", y: 100 },
  ];
  const summary = `${episodes.length} status episode${episodes.length === 1 ? "" : "s"}, ${events.filter((e) => e.kind === "referral").length} referrals and ${events.filter((e) => e.kind === "assessment").length} assessments between ${formatDay(new Date(first).toISOString())} and ${formatDay(new Date(Math.max(...times)).toISOString())}.`;
  return (
    <figure className="app-figure">
      <svg viewBox={`0 0 ${W} 140`} className="app-timeline" role="img" aria-label={`Timeline for ${childName}: ${summary}`}>
        {years.map((y) => (
          <g key={y}>
            <line x1={x(Date.UTC(y, 0, 1))} x2={x(Date.UTC(y, 0, 1))} y1={10} y2={115} stroke="#b1b4b6" strokeDasharray="2 3" />
            <text x={x(Date.UTC(y, 0, 1))} y={132} fontSize="12" textAnchor="middle" fill="#505a5f">
              {y}
            </text>
          </g>
        ))}
        {quarters.map((q) => (
          <line key={q} x1={x(q)} x2={x(q)} y1={110} y2={115} stroke="#b1b4b6" />
        ))}
        {rows.map((r) => (
          <text key={r.key} x={0} y={r.y + 4} fontSize="12" fill="#0b0c0c">
            {r.label}
          </text>
        ))}
        {episodes.map((e) => {
          const s = t(e.startDate);
          if (s === null) return null;
          const end = t(e.endDate) ?? now;
          return (
            <g key={e.id}>
              <rect x={x(s)} y={20} width={Math.max(2, x(end) - x(s))} height={20} fill={COLOURS[e.status] ?? "#505a5f"}>
                <title>{`${STATUS_LABEL[e.status] ?? e.status}: ${formatDay(e.startDate)} to ${e.endDate ? formatDay(e.endDate) : "now"}`}</title>
              </rect>
              {x(end) - x(s) > 28 ? (
                <text x={x(s) + 4} y={34} fontSize="11" fill="#ffffff">
                  {e.status}
                </text>
              ) : null}
            </g>
          );
        })}
        {events.map((e) => {
          const v = t(e.date);
          if (v === null) return null;
          const y = e.kind === "referral" ? 70 : 100;
          return e.kind === "referral" ? (
            <circle key={e.id} cx={x(v)} cy={y} r={6} fill="#f47738">
              <title>{`${e.label}: ${formatDay(e.date)}`}</title>
            </circle>
          ) : (
            <rect key={e.id} x={x(v) - 6} y={y - 6} width={12} height={12} fill="#00703c" transform={`rotate(45 ${x(v)} ${y})`}>
              <title>{`${e.label}: ${formatDay(e.date)}`}</title>
            </rect>
          );
        })}
        {showToday ? (
          <>
            <line x1={x(now)} x2={x(now)} y1={10} y2={115} stroke="#0b0c0c" />
            <text x={x(now) - 4} y={10} fontSize="11" textAnchor="end" fill="#0b0c0c">
              Today
            </text>
          </>
        ) : null}
      </svg>
      <figcaption className="govuk-body-s">
        Key: <span style={{ color: COLOURS.CIN }}>■</span> CIN <span style={{ color: COLOURS.CP }}>■</span> CP <span style={{ color: COLOURS.CLA }}>■</span> CLA{" "}
        <span style={{ color: "#f47738" }}>●</span> referral <span style={{ color: "#00703c" }}>◆</span> assessment. {summary}
      </figcaption>
      <Details summary="Show the numbers">
        <Table
          caption={`Events for ${childName}`}
          captionSize="s"
          rows={[
            ...episodes.map((e) => ({ id: e.id, what: `${STATUS_LABEL[e.status] ?? e.status} episode`, from: e.startDate, to: e.endDate ?? "ongoing" })),
            ...events.map((e) => ({ id: e.id, what: e.label, from: e.date, to: "" })),
          ].sort((a, b) => String(a.from).localeCompare(String(b.from)))}
          rowKey={(r) => r.id}
          columns={[
            { header: "Event", cell: (r) => r.what },
            { header: "From", cell: (r) => formatDay(r.from) },
            { header: "To", cell: (r) => (r.to === "ongoing" ? "Ongoing" : r.to ? formatDay(r.to) : "") },
          ]}
        />
      </Details>
    </figure>
  );
}
