/** Onboarding modules for trainers and admins: each with its quiz size and pass mark, and a link to edit it. */
import { Table } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { percent } from "../lib/format.js";
import { api } from "../lib/trpc.js";

export default function ModulesPage() {
  const q = useQuery(api.training.modules.list.queryOptions());
  return (
    <Page title="Onboarding modules" caption="Catalogue">
      <p className="govuk-body">Short e-learning units given to starters by their role&apos;s onboarding plan. Editing a module saves a new version; completions already recorded keep the version they were taken against.</p>
      {q.isPending ? (
        <Loading what="Loading the modules" />
      ) : q.isError ? (
        <QueryError error={q.error} what="Onboarding modules" />
      ) : (
        <Table
          caption="Onboarding modules"
          captionSize="m"
          rows={q.data}
          rowKey={(m) => m.id}
          columns={[
            { header: "Module", cell: (m) => <Link className="govuk-link" to={`/my/modules/${m.id}`}>{m.title}</Link> },
            { header: "Minutes", cell: (m) => m.estimatedMinutes, numeric: true },
            { header: "Quiz", cell: (m) => (m.hasQuiz ? `${m.questions} question${m.questions === 1 ? "" : "s"}, pass mark ${percent(m.passMark ?? 0)}` : "No quiz") },
            { header: "Acknowledgement", cell: (m) => (m.requiresAcknowledgement ? "Required" : "Not required") },
            {
              header: "Action",
              cell: (m) => (
                <Link className="govuk-link" to={`/modules/${m.id}/edit`}>
                  Edit<span className="govuk-visually-hidden"> {m.title}</span>
                </Link>
              ),
            },
          ]}
        />
      )}
    </Page>
  );
}
