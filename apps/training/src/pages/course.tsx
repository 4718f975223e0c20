import { NotificationBanner, Select, SummaryList, Table, Tag } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { AssignTraining } from "../components/assign-training.js";
import { Link, useLocation, useParams } from "react-router";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { useAuth } from "../lib/auth.js";
import { formatDate } from "../lib/format.js";
import { api } from "../lib/trpc.js";
import { MODE_LABEL } from "./courses.js";

export default function CoursePage() {
  const { id = "" } = useParams();
  const auth = useAuth();
  const saved = (useLocation().state as { saved?: string } | null)?.saved;
  const q = useQuery(api.training.courses.get.queryOptions({ id }));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} what="The course" />;
  const c = q.data;
  return (
    <Page title={c.title} caption="Course">
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      {!c.active ? <Tag colour="grey">No longer offered</Tag> : null}
      <p className="govuk-body">{c.description}</p>
      <SummaryList
        rows={[
          { key: "Delivery", value: MODE_LABEL[c.deliveryMode] ?? c.deliveryMode },
          { key: "Duration", value: `${c.durationHours} hours` },
          { key: "Valid for", value: c.validityMonths ? `${c.validityMonths} months, then a refresher is due` : "Does not expire" },
          { key: "Required for", value: c.requiredForLabels.join(", ") || "No role" },
          { key: "Prerequisites", value: c.prerequisiteCourses.length ? c.prerequisiteCourses.map((p) => p.title).join("; ") : "None" },
          { key: "Qualifies", value: c.grantsQualification ? "Inspiring Families group facilitator (both tracks)" : "No facilitator qualification" },
          { key: "Languages", value: c.languages.join(", ") },
        ]}
      />
      {auth.can("training:write") ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/courses/${c.id}/edit`}>
            Change this course<span className="govuk-visually-hidden">: {c.title}</span>
          </Link>
        </p>
      ) : null}
      {auth.can("training:read") ? (
        <>
          <Table
            caption="Sessions"
            captionSize="m"
            rows={c.sessions}
            rowKey={(s) => s.id}
            columns={[
              { header: "Date", cell: (s) => <Link className="govuk-link" to={`/sessions/${s.id}`}>{formatDate(s.date)}</Link> },
              { header: "Venue", cell: (s) => s.venue ?? "–" },
              { header: "Present", numeric: true, cell: (s) => s.present },
              { header: "Status", cell: (s) => (s.cancelled ? "Cancelled" : s.completed ? "Completed" : "Scheduled") },
            ]}
          />
          {c.sessions.length === 0 ? <p className="govuk-body">No sessions yet.</p> : null}
          {auth.can("training:write") ? (
            <Link className="govuk-button" to={`/sessions?course=${c.id}`}>
              Schedule a session
            </Link>
          ) : null}
        </>
      ) : null}
      {auth.can("training:assign") && c.active ? <AssignToGroup course={{ id: c.id, title: c.title }} /> : null}
    </Page>
  );
}

/** Assigns the course to everyone in post in a team, or in a job role (a manager: within their own team). */
function AssignToGroup({ course }: { course: { id: string; title: string } }) {
  const options = useQuery(api.training.options.queryOptions());
  const [group, setGroup] = useState("");
  const [kind, value] = group.split(":") as ["team" | "role" | "", string | undefined];
  const people = useQuery({ ...api.training.staff.list.queryOptions(kind === "team" ? { teamId: value } : { role: value as never }), enabled: !!value });
  const ids = people.data?.items.map((s) => s.id) ?? [];
  const label = kind === "team" ? options.data?.teams.find((t) => t.id === value)?.name : options.data?.staffRoles.find((r) => r.value === value)?.label;
  return (
    <section aria-labelledby="assign-course">
      <h2 className="govuk-heading-m" id="assign-course">
        Assign this course to a team or a job role
      </h2>
      <Select
        id="assign-group"
        label="Who to assign it to"
        hint="Everyone in post in the team or job role. Anyone who already holds it, or already has it assigned, is left out and listed."
        value={group}
        onChange={(e) => setGroup(e.target.value)}
        options={[
          { value: "", label: "Choose a team or a job role" },
          ...(options.data?.teams ?? []).map((t) => ({ value: `team:${t.id}`, label: `Team: ${t.name}` })),
          ...(options.data?.staffRoles ?? []).map((r) => ({ value: `role:${r.value}`, label: `Job role: ${r.label}` })),
        ]}
      />
      {value ? (
        people.isPending ? (
          <Loading />
        ) : people.isError ? (
          <QueryError error={people.error} what="The people in post" />
        ) : (
          <>
            <p className="govuk-body" role="status">
              {ids.length === 1 ? "1 person" : `${ids.length} people`} in post{label ? ` (${label})` : ""}.
            </p>
            {ids.length > 0 ? <AssignTraining idPrefix="assign-group" staffIds={ids} who={label ?? "them"} course={course} submitLabel={`Assign to ${ids.length === 1 ? "1 person" : `${ids.length} people`}`} /> : null}
          </>
        )
      ) : null}
    </section>
  );
}
