import { Table, Tag } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { ROLE_LABEL, useAuth } from "../lib/auth.js";
import { api } from "../lib/trpc.js";
import { childName, formatDay, trackLabel } from "../lib/format.js";

function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Caseload() {
  const q = useQuery(api.families.list.queryOptions({ open: true, limit: 10 }));
  if (q.isPending) return <Loading what="Loading your caseload" />;
  if (q.isError) return <QueryError error={q.error} what="Your caseload" />;
  if (q.data.items.length === 0) return <p className="govuk-body">You have no open families allocated to you or your team.</p>;
  return (
    <>
      <Table
        caption="Open families"
        captionSize="s"
        rows={q.data.items}
        rowKey={(f) => f.id}
        columns={[
          { header: "Family", cell: (f) => <Link className="govuk-link" to={`/families/${f.id}`}>{f.name}</Link> },
          { header: "Reference", cell: (f) => f.reference },
          { header: "Opened", cell: (f) => formatDay(f.openedAt) },
        ]}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to="/families">
          All families
        </Link>
      </p>
    </>
  );
}

function MyGroups() {
  const q = useQuery(api.programmes.groups.list.queryOptions({ limit: 20 }));
  if (q.isPending) return <Loading what="Loading your groups" />;
  if (q.isError) return <QueryError error={q.error} what="Your groups" />;
  if (q.data.items.length === 0) return <p className="govuk-body">You are not running or linked to any groups.</p>;
  const order: Record<string, number> = { running: 0, planned: 1, finished: 2, cancelled: 3 };
  const rows = [...q.data.items].sort((a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9) || String(b.startDate).localeCompare(String(a.startDate))).slice(0, 5);
  return (
    <>
    <Table
      caption={`Groups you run or whose members you work with (${rows.length} of ${q.data.items.length}${q.data.nextCursor ? "+" : ""}, current first)`}
      captionSize="s"
      rows={rows}
      rowKey={(g) => g.id}
      columns={[
        { header: "Group", cell: (g) => <Link className="govuk-link" to={`/groups/${g.id}`}>{g.name}</Link> },
        { header: "Track", cell: (g) => <Tag colour={g.track === "victims" ? "purple" : "orange"}>{trackLabel(g.track)}</Tag> },
        { header: "Starts", cell: (g) => formatDay(g.startDate) },
        { header: "Status", cell: (g) => String(g.status) },
      ]}
    />
    <p className="govuk-body">
      <Link className="govuk-link" to="/groups">
        All groups
      </Link>
      {" · "}
      <Link className="govuk-link" to="/one-to-one">
        One-to-one work after the group
      </Link>
    </p>
    </>
  );
}

function FollowUpsDue() {
  const q = useQuery(api.followUps.due.queryOptions({ scope: "mine", limit: 20 }));
  if (q.isPending) return <Loading what="Loading follow-ups" />;
  if (q.isError) return <QueryError error={q.error} what="Follow-ups" />;
  const { overdue, due } = q.data;
  const all = (
    <p className="govuk-body">
      <Link className="govuk-link" to="/follow-ups">
        All follow-ups
      </Link>
    </p>
  );
  if (overdue.length + due.length === 0)
    return (
      <>
        <p className="govuk-body">You have no follow-ups due in the next few weeks.</p>
        {all}
      </>
    );
  const row = (f: (typeof due)[number]) => (
    <li key={f.id}>
      <Link className="govuk-link" to={`/families/${f.familyId}`}>
        {String(f.kind).replace(/_/g, " ")}
      </Link>{" "}
      – due {formatDay(f.dueDate)}
      {f.daysOverdue ? ` (${f.daysOverdue} days overdue)` : ""}
    </li>
  );
  return (
    <>
      {overdue.length ? (
        <>
          <h3 className="govuk-heading-s">
            <Tag colour="red">Overdue</Tag> {overdue.length}
          </h3>
          <ul className="govuk-list govuk-list--bullet">{overdue.slice(0, 10).map(row)}</ul>
        </>
      ) : null}
      {due.length ? (
        <>
          <h3 className="govuk-heading-s">Due soon: {due.length}</h3>
          <ul className="govuk-list govuk-list--bullet">{due.slice(0, 10).map(row)}</ul>
        </>
      ) : null}
      {all}
    </>
  );
}

function OverdueAssessments() {
  const q = useQuery(api.assessments.list.queryOptions({ open: true, limit: 100 }));
  if (q.isPending) return <Loading what="Loading assessments" />;
  if (q.isError) return <QueryError error={q.error} what="Assessments" />;
  const overdue = q.data.items.filter((a) => a.timeliness.overdue);
  const all = (
    <p className="govuk-body">
      <Link className="govuk-link" to="/assessments">
        All assessments
      </Link>
    </p>
  );
  if (overdue.length === 0)
    return (
      <>
        <p className="govuk-body">No open assessments are past the {q.data.items[0]?.timeliness.targetDays ?? 25}-day target.</p>
        {all}
      </>
    );
  return (
    <>
    <Table
      caption="Open assessments past their target"
      captionSize="s"
      rows={overdue.slice(0, 10)}
      rowKey={(a) => a.id}
      columns={[
        { header: "Child", cell: (a) => <Link className="govuk-link" to={`/families/${a.familyId as string}`}>{childName(a)}</Link> },
        { header: "Family", cell: (a) => (a.family as { name: string } | null)?.name ?? "" },
        { header: "Allocated", cell: (a) => formatDay(a.allocatedAt) },
        { header: "Days so far", cell: (a) => `${a.timeliness.days ?? "–"} (target ${a.timeliness.targetDays})`, numeric: true },
      ]}
    />
    {all}
    </>
  );
}

/** Milestones whose review (or due) date has passed (issue 6: overdue reviews on managers' home pages). */
function OverdueMilestones() {
  const q = useQuery(api.decisions.milestones.overdue.queryOptions());
  if (q.isPending) return <Loading what="Loading the programme plan" />;
  if (q.isError) return <QueryError error={q.error} what="The programme plan" />;
  if (q.data.length === 0) return <p className="govuk-body">No milestone reviews are overdue.</p>;
  return (
    <>
      <Table
        caption="Milestones to review"
        captionSize="s"
        rows={q.data.slice(0, 10)}
        rowKey={(m) => m.id}
        columns={[
          { header: "Milestone", cell: (m) => m.title },
          { header: "Owner", cell: (m) => m.ownerName ?? "–" },
          { header: "Overdue", cell: (m) => <Tag colour="red">{m.reason === "review" ? `Review ${m.daysOverdue} days late` : `Due ${m.daysOverdue} days ago`}</Tag> },
        ]}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to="/plan">
          The programme plan
        </Link>
      </p>
    </>
  );
}

export function HomePage() {
  const auth = useAuth();
  const me = auth.me!;
  const caseWork = auth.can("families:read");
  return (
    <Page title={`Welcome, ${me.name}`} caption={ROLE_LABEL[me.role] ?? me.role}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {caseWork ? (
            <Section title="Your caseload" id="caseload">
              <Caseload />
            </Section>
          ) : null}
          {auth.can("programmes:read") ? (
            <Section title="Your groups" id="groups">
              <MyGroups />
            </Section>
          ) : null}
          {auth.can("followUps:read") ? (
            <Section title="Follow-ups due" id="follow-ups">
              <FollowUpsDue />
            </Section>
          ) : null}
          {auth.can("assessments:read") ? (
            <Section title="Overdue assessments" id="assessments">
              <OverdueAssessments />
            </Section>
          ) : null}
          {me.role === "manager" && auth.can("decisions:read") ? (
            <Section title="Plan reviews overdue" id="plan-reviews">
              <OverdueMilestones />
            </Section>
          ) : null}
          {auth.can("evaluation:read") ? (
            <Section title="Evidence" id="evidence">
              <p className="govuk-body">
                Compare a programme&apos;s children with a comparison cohort before and after, with costs and warnings about the data.
              </p>
              <p className="govuk-body">
                <Link className="govuk-link" to="/evaluation">
                  Open the evaluation
                </Link>
              </p>
            </Section>
          ) : null}
          {auth.can("users:read") ? (
            <Section title="Administration" id="admin">
              <AdminSummary />
            </Section>
          ) : null}
          {!caseWork && !auth.can("evaluation:read") && !auth.can("users:read") ? (
            <Section title="Your training" id="training">
              <p className="govuk-body">
                Your courses, onboarding modules and what is due are in the{" "}
                <a className="govuk-link" href="/training/">
                  training app
                </a>
                .
              </p>
            </Section>
          ) : null}
        </div>
      </div>
    </Page>
  );
}

function AdminSummary() {
  const q = useQuery(api.admin.users.list.queryOptions({ limit: 100, status: "active" }));
  if (q.isPending) return <Loading what="Loading accounts" />;
  if (q.isError) return <QueryError error={q.error} what="Staff accounts" />;
  return (
    <p className="govuk-body">
      {q.data.items.length}
      {q.data.nextCursor ? "+" : ""} active staff accounts. Administrators cannot read case records.{" "}
      <Link className="govuk-link" to="/admin/users">
        Invite people and manage accounts
      </Link>
      .
    </p>
  );
}
