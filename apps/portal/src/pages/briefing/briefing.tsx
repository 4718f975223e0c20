/**
 * The one-page programme briefing a new member of staff reads on their first
 * day: what the programme is for, what it does, how we know it works (the
 * indicators' status), recent decisions and the plan. Printable on one page.
 * Route: /briefing/:programmeId (linked from the training app's onboarding plans).
 */
import { Button } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { formatDay } from "../../lib/format.js";
import { api } from "../../lib/trpc.js";
import { fmt, GROUP_LABEL, ISSUE_LABEL, StatusTag } from "../logic-models/labels.js";

const PRINT_CSS = `@media print {
  .govuk-header, .govuk-footer, .govuk-phase-banner, .govuk-service-navigation, .govuk-skip-link, .app-no-print { display: none !important; }
  .govuk-main-wrapper { padding: 0 !important; }
  body { font-size: 11pt; }
  h1 { font-size: 18pt !important; margin-bottom: 6pt !important; }
  h2 { font-size: 13pt !important; margin: 8pt 0 4pt !important; }
  .govuk-list, .govuk-body { font-size: 10pt !important; margin-bottom: 4pt !important; }
}`;

export default function BriefingPage() {
  const { programmeId = "" } = useParams();
  const q = useQuery(api.decisions.briefing.queryOptions({ programmeId }));
  if (q.isPending) return <Loading what="Preparing the briefing" />;
  if (q.isError) return <QueryError error={q.error} what="The briefing" />;
  const b = q.data;
  const counts = b.statusCounts;
  return (
    <Page title={`${b.programme.name}: briefing`} caption={`Programme briefing · ${formatDay(b.asOf)}`}>
      <style>{PRINT_CSS}</style>
      <p className="govuk-body app-no-print">
        <Button variant="secondary" onClick={() => window.print()}>
          Print this briefing
        </Button>
      </p>
      {b.programme.description ? <p className="govuk-body-l">{b.programme.description}</p> : null}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">What it is for</h2>
          <ul className="govuk-list govuk-list--bullet" data-testid="briefing-aims">
            {b.aims.map((a) => (
              <li key={`${a.group}|${a.text}`}>
                {a.text} <span className="govuk-body-s">({GROUP_LABEL[a.group]?.toLowerCase()})</span>
              </li>
            ))}
          </ul>
        </div>
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">What we do</h2>
          <ul className="govuk-list govuk-list--bullet">
            {b.activities.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      </div>

      <h2 className="govuk-heading-m">How we know it is working</h2>
      <p className="govuk-body">
        {counts.on_track} on track, {counts.at_risk} at risk, {counts.off_track} off track, {counts.no_data} without recent data, {counts.no_target} without a target.
      </p>
      <ul className="govuk-list" data-testid="briefing-measures">
        {b.measures.map((m) => (
          <li key={m.id}>
            <StatusTag status={m.status} /> {m.title}
            {m.latest ? ` – latest ${fmt(m.latest.value)}${m.unit ? ` ${m.unit}` : ""} (${formatDay(m.latest.date)})` : ""}
          </li>
        ))}
      </ul>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">Recent decisions</h2>
          {b.recentDecisions.length === 0 ? <p className="govuk-body">None recorded.</p> : null}
          <ul className="govuk-list">
            {b.recentDecisions.map((d) => (
              <li key={d.id}>
                <strong>{formatDay(d.decidedAt)}: {d.title}.</strong> {d.rationale}
              </li>
            ))}
          </ul>
        </div>
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">The plan</h2>
          {b.overdue.length ? (
            <ul className="govuk-list">
              {b.overdue.map((o) => (
                <li key={o.milestone.id}>
                  <strong>{o.reason === "review" ? "Review overdue" : "Overdue"}:</strong> {o.milestone.title} ({o.daysOverdue} days)
                </li>
              ))}
            </ul>
          ) : null}
          {b.nextMilestones.length === 0 && b.overdue.length === 0 ? <p className="govuk-body">No open milestones.</p> : null}
          <ul className="govuk-list">
            {b.nextMilestones.map((m) => (
              <li key={m.id}>
                {formatDay(m.dueDate)}: {m.title}
              </li>
            ))}
          </ul>
        </div>
      </div>

      <h2 className="govuk-heading-m">Known gaps in the theory of change</h2>
      <p className="govuk-body">
        {b.gaps.length === 0 ? "None." : b.gaps.map((g) => `${ISSUE_LABEL[g.code] ?? g.code}: ${g.count}`).join(" · ")}
      </p>
      <p className="govuk-body-s">
        From{" "}
        {b.models.map((m, i) => (
          <span key={m.id}>
            {i > 0 ? ", " : ""}
            <Link className="govuk-link" to={`/logic-models/${m.id}`}>
              {m.title}
            </Link>{" "}
            (version {m.version})
          </span>
        ))}
        .
      </p>
    </Page>
  );
}
