/** The coverage trend chart (recharts; loaded on demand). */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_TOOLTIP } from "@evident/ui";
import { formatDate } from "../lib/format.js";

const COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#28a197", "#b58840", "#f499be", "#505a5f"];

export interface TrendPoint {
  asOf: string;
  overall: number | null;
  groups: Record<string, number | null>;
}

export default function CoverageChart({ trend, series, target }: { trend: TrendPoint[]; series: { key: string; label: string }[]; target: number }) {
  const data = trend.map((p) => ({
    asOf: p.asOf,
    overall: p.overall === null ? null : Math.round(p.overall * 1000) / 10,
    ...Object.fromEntries(series.map((s) => [s.key, p.groups[s.key] === null || p.groups[s.key] === undefined ? null : Math.round(p.groups[s.key]! * 1000) / 10])),
  }));
  return (
    <div className="app-chart" role="img" aria-label="Line chart of coverage over time against the target. The same figures are in the table view.">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 10, right: 20, bottom: 10, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e5e5e5" />
          <XAxis dataKey="asOf" tickFormatter={(d: string) => d.slice(0, 7)} minTickGap={24} />
          <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
          <Tooltip {...CHART_TOOLTIP} formatter={(v) => (v === null || v === undefined ? "–" : `${v}%`)} labelFormatter={(d) => formatDate(String(d))} />
          <Legend />
          <ReferenceLine y={target * 100} stroke="#0b0c0c" strokeDasharray="6 4" label={{ value: `Target ${Math.round(target * 100)}%`, position: "insideTopLeft" }} />
          <Line type="linear" dataKey="overall" name="All counted staff" stroke="#0b0c0c" strokeWidth={3} dot={false} isAnimationActive={false} connectNulls />
          {series.slice(0, COLOURS.length).map((s, i) => (
            <Line key={s.key} type="linear" dataKey={s.key} name={s.label} stroke={COLOURS[i]} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
