import { ASSIGNMENT_SOURCE_LABEL, ASSIGNMENT_SOURCES, parseIsoDay, type TAssignmentSource } from "@evident/core";
import { Button, DateInput, Details, Input, lazyPage, SummaryList, Select, Table, WarningText } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { Meter, StateTag } from "../components/bits.js";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { useAuth } from "../lib/auth.js";
import { formatDate, percent, plural, todayIso } from "../lib/format.js";
import { api, errorInfo, type RouterOutputs } from "../lib/trpc.js";

const CoverageChart = lazyPage(() => import("../components/coverage-chart.js"), <Loading what="Drawing the chart" />);

type Coverage = RouterOutputs["training"]["dashboard"]["coverage"];

export default function DashboardPage() {
  const auth = useAuth();
  const [asOf, setAsOf] = useState(todayIso());
  const [groupBy, setGroupBy] = useState<"course" | "team" | "role">("course");
  const asOfIsDate = parseIsoDay(asOf) !== undefined;
  const validAsOf = asOfIsDate ? asOf : todayIso();
  return (
    <Page title="Training dashboard" caption={auth.me?.role === "manager" ? "Your team" : "The whole trust"}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <DateInput id="as-of" legend="Figures as of" value={asOf} onChange={setAsOf} error={asOf && !asOfIsDate ? "Figures as of must be a real date (today's figures are shown until then)" : undefined} />
        </div>
        <div className="govuk-grid-column-one-third">
          <Select
            id="group-by"
            label="Show coverage by"
            value={groupBy}
            onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}
            options={[
              { value: "course", label: "Course" },
              { value: "team", label: "Team" },
              { value: "role", label: "Job role" },
            ]}
          />
        </div>
      </div>
      <CoverageSection asOf={validAsOf} groupBy={groupBy} />
      <FacilitatorSection asOf={validAsOf} />
      <TurnoverSection to={validAsOf} />
      <DueSection asOf={validAsOf} />
      {auth.can("training:write") ? <RemindersSection /> : null}
    </Page>
  );
}

function CoverageSection({ asOf, groupBy }: { asOf: string; groupBy: "course" | "team" | "role" }) {
  const [view, setView] = useState<"chart" | "table">("chart");
  const q = useQuery(api.training.dashboard.coverage.queryOptions({ asOf, groupBy }));
  return (
    <section aria-labelledby="coverage-heading">
      <h2 className="govuk-heading-m" id="coverage-heading">
        Coverage against the 80% target
      </h2>
      <p className="govuk-body">
        The share of staff in post who hold a valid completion of the training their role requires. The report&apos;s goal is 80% of staff trained.
      </p>
      {q.isPending ? <Loading what="Working out coverage" /> : q.isError ? <QueryError error={q.error} what="Coverage" /> : (
        <>
          <p className="govuk-body-l" data-testid="overall-coverage">
            Overall: <strong>{percent(q.data.overall.share)}</strong> ({q.data.overall.numerator} of {plural(q.data.overall.denominator, "person", "people")} fully trained)
            {q.data.overall.shortfall > 0 ? `; ${plural(q.data.overall.shortfall, "more person", "more people")} needed to reach the target.` : "; target met."}
          </p>
          <CoverageTable data={q.data} />
          <h3 className="govuk-heading-s">Trend</h3>
          <div className="app-toggle" role="group" aria-label="Show the trend as">
            <button type="button" className={`govuk-button govuk-!-margin-bottom-0 ${view === "chart" ? "" : "govuk-button--secondary"}`} aria-pressed={view === "chart"} onClick={() => setView("chart")}>
              Chart
            </button>
            <button type="button" className={`govuk-button govuk-!-margin-bottom-0 ${view === "table" ? "" : "govuk-button--secondary"}`} aria-pressed={view === "table"} onClick={() => setView("table")}>
              Table
            </button>
          </div>
          {view === "chart" ? (
            <>
              <CoverageChart trend={q.data.trend} series={q.data.series} target={q.data.target} />
              <p className="govuk-body-s govuk-hint">The chart shows coverage at the end of each financial quarter. The same figures are in the table view.</p>
            </>
          ) : (
            <TrendTable data={q.data} />
          )}
        </>
      )}
    </section>
  );
}

function CoverageTable({ data }: { data: Coverage }) {
  return (
    <Table
      caption={`Coverage on ${formatDate(data.asOf)} by ${data.groupBy === "role" ? "job role" : data.groupBy}`}
      captionSize="s"
      rows={data.rows}
      rowKey={(r) => r.group}
      firstCellIsHeader
      columns={[
        { header: data.groupBy === "course" ? "Course" : data.groupBy === "team" ? "Team" : "Job role", cell: (r) => (data.groupBy === "course" ? <Link className="govuk-link" to={`/courses/${r.group}`}>{r.label}</Link> : r.label) },
        { header: "Trained", numeric: true, cell: (r) => `${r.numerator} of ${r.denominator}` },
        { header: "Coverage", cell: (r) => <Meter share={r.share} target={data.target} label={r.label} /> },
        { header: "To reach 80%", numeric: true, cell: (r) => (r.denominator === 0 ? "–" : r.shortfall === 0 ? "Met" : `${r.shortfall} more`) },
      ]}
    />
  );
}

function TrendTable({ data }: { data: Coverage }) {
  const series = data.series.slice(0, 8);
  return (
    <Table
      caption="Coverage over time"
      captionSize="s"
      rows={[...data.trend].reverse()}
      rowKey={(r) => r.asOf}
      firstCellIsHeader
      columns={[
        { header: "As of", cell: (r) => formatDate(r.asOf) },
        { header: "All", numeric: true, cell: (r) => percent(r.overall) },
        ...series.map((s) => ({ header: s.label, numeric: true, key: s.key, cell: (r: Coverage["trend"][number]) => percent(r.groups[s.key] ?? null) })),
      ]}
    />
  );
}

function FacilitatorSection({ asOf }: { asOf: string }) {
  const q = useQuery(api.training.dashboard.facilitators.queryOptions({ asOf }));
  return (
    <section aria-labelledby="facilitators-heading">
      <h2 className="govuk-heading-m" id="facilitators-heading">
        Facilitator pipeline
      </h2>
      <p className="govuk-body">Qualified facilitators of the Inspiring Families group programme in post, per track and language, against the 2 needed to run a group.</p>
      {q.isPending ? <Loading /> : q.isError ? <QueryError error={q.error} what="The facilitator pipeline" /> : (
        <>
          {q.data.warnings.length > 0 ? (
            <Details summary={`${plural(q.data.warnings.length, "warning")}`} open={q.data.warnings.length <= 4}>
              <ul className="govuk-list app-warning-list">
                {q.data.warnings.map((w) => (
                  <li key={w}>
                    <WarningText>{w}</WarningText>
                  </li>
                ))}
              </ul>
            </Details>
          ) : (
            <p className="govuk-body">Every track and language has enough qualified facilitators.</p>
          )}
          <Table
            caption="Qualified facilitators"
            captionSize="s"
            rows={q.data.rows}
            rowKey={(r) => `${r.track}-${r.language}`}
            columns={[
              { header: "Track", cell: (r) => (r.track === "victims" ? "Victims" : "Perpetrators") },
              { header: "Language", cell: (r) => r.language },
              { header: "Qualified now", numeric: true, cell: (r) => r.qualified },
              { header: `By ${formatDate(q.data.rows[0]?.horizonDate)}`, numeric: true, cell: (r) => r.projected },
              { header: "Needed", numeric: true, cell: (r) => r.required },
              { header: "Status", cell: (r) => <StateTag state={r.status} /> },
            ]}
          />
        </>
      )}
    </section>
  );
}

function TurnoverSection({ to }: { to: string }) {
  const q = useQuery(api.training.dashboard.turnover.queryOptions({ to }));
  return (
    <section aria-labelledby="turnover-heading">
      <h2 className="govuk-heading-m" id="turnover-heading">
        Training lost to turnover
      </h2>
      <p className="govuk-body">Staff who left in each financial quarter while holding valid training, and the coverage points that left with them. Quarters with no leavers are not shown.</p>
      {q.isPending ? <Loading /> : q.isError ? <QueryError error={q.error} what="Turnover" /> : q.data.quarters.every((r) => r.leavers === 0) ? (
        <p className="govuk-body">Nobody left between {formatDate(q.data.from)} and {formatDate(q.data.to)}.</p>
      ) : (
        <Table
          caption={`Financial quarters to ${formatDate(q.data.to)}`}
          captionSize="s"
          rows={[...q.data.quarters].filter((r) => r.leavers > 0).reverse()}
          rowKey={(r) => r.label}
          firstCellIsHeader
          columns={[
            { header: "Quarter", cell: (r) => r.label },
            { header: "Leavers", numeric: true, cell: (r) => r.leavers },
            { header: "Trained leavers", numeric: true, cell: (r) => r.trainedLeavers },
            {
              header: "Coverage lost (largest)",
              cell: (r) => {
                const worst = [...r.courses].sort((a, b) => (b.pointsLost ?? 0) - (a.pointsLost ?? 0))[0];
                if (!worst || !worst.pointsLost) return "–";
                const title = q.data.courses.find((c) => c.id === worst.courseId)?.title ?? "";
                return `${worst.pointsLost.toFixed(1)} points of ${title}`;
              },
            },
          ]}
        />
      )}
    </section>
  );
}

const SOURCES = [{ value: "", label: "However it was assigned" }, ...ASSIGNMENT_SOURCES.map((value) => ({ value, label: ASSIGNMENT_SOURCE_LABEL[value] }))];

function DueSection({ asOf }: { asOf: string }) {
  const [source, setSource] = useState("");
  const q = useQuery(api.training.dashboard.due.queryOptions({ asOf, ...(source ? { source: source as TAssignmentSource } : {}) }));
  return (
    <section aria-labelledby="due-heading">
      <h2 className="govuk-heading-m" id="due-heading">
        Overdue and due soon, by team
      </h2>
      <Select id="due-source" label="How it was assigned" hint="Refreshers of expired courses show only when this is not narrowed." value={source} onChange={(e) => setSource(e.target.value)} options={SOURCES} />
      {q.isPending ? <Loading /> : q.isError ? <QueryError error={q.error} what="Overdue training" /> : q.data.teams.length === 0 ? (
        <p className="govuk-body">Nothing is overdue or due in the next {q.data.soonDays} days.</p>
      ) : (
        q.data.teams.map((t) => (
          <Details key={t.teamId} summary={`${t.team}: ${t.overdueCount} overdue, ${t.dueSoonCount} due soon`}>
            {(["overdue", "dueSoon"] as const).map((k) =>
              t[k].length > 0 ? (
                <Table
                  key={k}
                  caption={k === "overdue" ? "Overdue" : `Due in the next ${q.data.soonDays} days`}
                  captionSize="s"
                  rows={t[k].slice(0, 100)}
                  rowKey={(r, i) => `${r.staffId}-${r.title}-${i}`}
                  columns={[
                    { header: "Name", cell: (r) => <Link className="govuk-link" to={`/staff/${r.staffId}`}>{r.name}</Link> },
                    { header: "Training", cell: (r) => r.title },
                    { header: "Why", cell: (r) => (r.reason === "assignment" ? (r.source ? ASSIGNMENT_SOURCE_LABEL[r.source] : "Assigned") : r.reason === "expired" ? "Refresher: expired" : "Refresher: expiring") },
                    { header: "Due", cell: (r) => formatDate(r.dueOn) },
                  ]}
                />
              ) : null,
            )}
          </Details>
        ))
      )}
    </section>
  );
}

const TRIGGER: Record<string, string> = { start: "when the service started", schedule: "on the hourly schedule", admin: "by hand" };

/** The reminder job: its last run, and running it now. */
function RemindersSection() {
  const queryClient = useQueryClient();
  const q = useQuery(api.training.reminders.status.queryOptions());
  const run = useMutation(api.training.reminders.run.mutationOptions());
  const [message, setMessage] = useState<string | null>(null);
  const last = q.data?.lastRun ?? null;
  return (
    <section aria-labelledby="reminders-heading">
      <h2 className="govuk-heading-m" id="reminders-heading">
        Reminders
      </h2>
      <p className="govuk-body">Every hour, staff and their managers are reminded in the app and by email of refreshers due before expiry and of overdue training. Each reminder is sent once.</p>
      {q.isPending ? <Loading what="Loading the last run" /> : q.isError ? <QueryError error={q.error} what="The reminder runs" /> : last ? (
        <SummaryList
          rows={[
            { key: "Last run", value: `${new Date(last.startedAt).toLocaleString("en-GB")}, ${TRIGGER[last.trigger] ?? last.trigger}${last.failed ? " (failed)" : ""}` },
            { key: "Sent in that run", value: `${plural(last.notifications, "notification")}, ${plural(last.emails, "email")}` },
            { key: "Sent in total", value: plural(q.data.remindersSent, "reminder") },
          ]}
        />
      ) : (
        <p className="govuk-body">The reminders have not run yet.</p>
      )}
      <div aria-live="polite">{message ? <p className="govuk-body">{message}</p> : null}</div>
      <Button
        variant="secondary"
        disabled={run.isPending}
        onClick={async () => {
          setMessage(null);
          try {
            const r = await run.mutateAsync({});
            setMessage(r.skipped ? "Another run was under way; nothing more was sent." : `Reminders sent: ${plural(r.notifications, "notification")}, ${plural(r.emails, "email")}.`);
          } catch (e) {
            setMessage(errorInfo(e).message);
          }
          await queryClient.invalidateQueries({ queryKey: api.training.reminders.pathKey() });
        }}
      >
        Send due reminders now
      </Button>
    </section>
  );
}
