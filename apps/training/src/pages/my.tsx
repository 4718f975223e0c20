import { toDoCount } from "@evident/core";
import { InsetText, Table } from "@evident/ui";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { Link } from "react-router";
import { howAssigned, StateTag } from "../components/bits.js";
import { ProgrammeBriefings } from "../components/briefings.js";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { formatDate, plural } from "../lib/format.js";
import { api, type RouterOutputs } from "../lib/trpc.js";

type My = RouterOutputs["training"]["my"]["get"];

export function MyTrainingPage() {
  const q = useQuery(api.training.my.get.queryOptions());
  return (
    <Page title="My training">
      {q.isPending ? <Loading what="Loading your training" /> : q.isError ? <QueryError error={q.error} what="Your training" /> : <MyTraining data={q.data} />}
    </Page>
  );
}

function MyTraining({ data }: { data: My }) {
  const modules = useQuery(api.training.modules.list.queryOptions());
  if (!data.staff) {
    return <InsetText>Your account is not linked to a staff record, so there is no training to show. Ask an administrator to link it.</InsetText>;
  }
  // One count of everything listed below as still to do (assignments, required courses, onboarding modules).
  const todo = modules.data ? toDoCount({ assignments: data.assignments, courses: data.courses, modules: modules.data, modulesDone: data.modulesDone }) : null;
  return (
    <>
      <p className="govuk-body-l" data-testid="to-do-count">
        {data.staff.name}, {data.staff.roleLabel}.
        {todo ? ` You have ${plural(todo.total, "item")} to do${todo.overdue > 0 ? `, ${todo.overdue} overdue` : ""}.` : null}
      </p>
      <Table
        caption="Assigned to me"
        rows={data.assignments}
        rowKey={(a) => a.id}
        columns={[
          {
            header: "Module or course",
            cell: (a) =>
              a.kind === "module" ? (
                <Link className="govuk-link" to={`/my/modules/${a.itemId}`}>
                  {a.title}
                </Link>
              ) : (
                <Link className="govuk-link" to={`/courses/${a.itemId}`}>
                  {a.title}
                </Link>
              ),
          },
          { header: "Type", cell: (a) => (a.kind === "module" ? "E-learning module" : "Course") },
          { header: "Due", cell: (a) => formatDate(a.dueOn) },
          { header: "Assigned by", cell: (a) => (a.note ? `${howAssigned(a)} (${a.note})` : howAssigned(a)) },
          { header: "Status", cell: (a) => <StateTag state={a.state} /> },
        ]}
      />
      {data.assignments.length === 0 ? <p className="govuk-body">Nothing is assigned to you at the moment.</p> : null}
      <Table
        caption="My courses"
        rows={data.courses}
        rowKey={(c) => c.courseId}
        columns={[
          { header: "Course", cell: (c) => c.title },
          { header: "Required for my role", cell: (c) => (c.mandatory ? "Yes" : "No") },
          { header: "Completed", cell: (c) => formatDate(c.completedOn) || "–" },
          { header: "Valid until", cell: (c) => (c.expiresOn ? formatDate(c.expiresOn) : c.completedOn ? "Does not expire" : "–") },
          { header: "Status", cell: (c) => <StateTag state={c.status} /> },
        ]}
      />
      <ModuleList q={modules} done={new Set(data.modulesDone)} />
      {data.bookedSessions && data.bookedSessions.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">Sessions I am booked on</h2>
          <ul className="govuk-list govuk-list--bullet">
            {data.bookedSessions.map((s) => (
              <li key={s.id}>
                {s.course}, {formatDate(s.date)}
                {s.venue ? `, ${s.venue}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ProgrammeBriefings />
    </>
  );
}

function ModuleList({ q, done }: { q: UseQueryResult<RouterOutputs["training"]["modules"]["list"]>; done: Set<string> }) {
  if (q.isPending) return <Loading what="Loading the onboarding modules" />;
  if (q.isError) return <QueryError error={q.error} what="Onboarding modules" />;
  return (
    <Table
      caption="Onboarding modules"
      rows={q.data}
      rowKey={(m) => m.id}
      columns={[
        { header: "Module", cell: (m) => <Link className="govuk-link" to={`/my/modules/${m.id}`}>{m.title}</Link> },
        { header: "Time", cell: (m) => `About ${m.estimatedMinutes} minutes` },
        { header: "Quiz", cell: (m) => (m.hasQuiz ? `${m.questions} questions` : "None") },
        { header: "Status", cell: (m) => <StateTag state={done.has(m.id) ? "done" : "open"} /> },
      ]}
    />
  );
}
