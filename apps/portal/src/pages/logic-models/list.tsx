/** The logic models: one per workstream, with the programme and current version. */
import { Table } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { api } from "../../lib/trpc.js";

export default function LogicModelsPage() {
  const q = useQuery(api.logicModels.list.queryOptions());
  return (
    <Page title="Logic models">
      <p className="govuk-body">Each workstream's theory of change: what goes in, what is done, what it produces, and the impacts and outcomes it aims for, with the indicators that show whether it is working.</p>
      {q.isPending ? (
        <Loading what="Loading logic models" />
      ) : q.isError ? (
        <QueryError error={q.error} what="Logic models" />
      ) : (
        <Table
          rows={q.data}
          rowKey={(m) => m.id}
          columns={[
            { header: "Model", cell: (m) => <Link className="govuk-link" to={`/logic-models/${m.id}`}>{m.name}</Link> },
            { header: "Workstream", cell: (m) => m.workstream ?? "–" },
            { header: "Programme", cell: (m) => (m.programmeId ? <Link className="govuk-link" to={`/briefing/${m.programmeId}`}>{m.programmeName} briefing</Link> : "–") },
            { header: "Nodes", cell: (m) => m.nodes, numeric: true },
            { header: "Links", cell: (m) => m.links, numeric: true },
            { header: "Version", cell: (m) => m.version, numeric: true },
          ]}
        />
      )}
    </Page>
  );
}
