import { GROUP_STATUS_LABELS, labelOf } from "@evident/core";
import { Tag } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { Link } from "react-router";
import { DataTable } from "../../components/data-table.js";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { formatDay } from "../../lib/format.js";
import { api, type RouterOutputs } from "../../lib/trpc.js";

type Group = RouterOutputs["programmes"]["groups"]["list"]["items"][number];
const col = createColumnHelper<Group>();

export default function GroupsPage() {
  const groups = useQuery(api.programmes.groups.list.queryOptions({ limit: 100 }));
  const programmes = useQuery(api.programmes.list.queryOptions({ limit: 100 }));
  const programmeName = useMemo(() => new Map((programmes.data?.items ?? []).map((p) => [p.id, p.name])), [programmes.data]);
  const columns = useMemo(
    () => [
      col.accessor("name", { header: "Group", cell: (c) => <Link className="govuk-link" to={`/groups/${c.row.original.id}`}>{c.getValue()}</Link> }),
      col.accessor((g) => programmeName.get(g.programmeId) ?? "", { id: "programme", header: "Programme" }),
      col.accessor("language", { header: "Language" }),
      col.accessor("slot", { header: "Time", cell: (c) => (c.getValue() === "evening" ? "Evening" : "Day") }),
      col.accessor("childcare", { header: "Childcare", cell: (c) => (c.getValue() ? "Yes" : "No") }),
      col.accessor("venue", { header: "Venue" }),
      col.accessor("startDate", { header: "Starts", cell: (c) => formatDay(c.getValue()) }),
      col.accessor("status", { header: "Status", cell: (c) => <Tag colour={c.getValue() === "running" ? "green" : c.getValue() === "finished" ? "grey" : "blue"}>{labelOf(GROUP_STATUS_LABELS, String(c.getValue()))}</Tag> }),
    ],
    [programmeName],
  );
  if (groups.isPending) return <Loading what="Loading groups" />;
  if (groups.isError) return <QueryError error={groups.error} what="Groups" />;
  const victims = groups.data.items.filter((g) => g.track === "victims");
  const perpetrators = groups.data.items.filter((g) => g.track === "perpetrators");
  return (
    <Page title="Domestic-abuse groups" caption="Inspiring Families and other group programmes">
      <p className="govuk-body">The victims&apos; and perpetrators&apos; tracks are kept apart: nobody is referred into a group on the other track.</p>
      <h2 className="govuk-heading-m">
        <Tag colour="purple">Victims&apos; track</Tag>
      </h2>
      {victims.length === 0 ? <p className="govuk-body">No victims&apos; groups to show.</p> : <DataTable id="victims-groups" caption="Victims' track groups" data={victims} columns={columns} filterLabel="Filter victims' groups" />}
      <h2 className="govuk-heading-m govuk-!-margin-top-8">
        <Tag colour="orange">Perpetrators&apos; track</Tag>
      </h2>
      {perpetrators.length === 0 ? (
        <p className="govuk-body">No perpetrators&apos; groups to show.</p>
      ) : (
        <DataTable id="perpetrators-groups" caption="Perpetrators' track groups" data={perpetrators} columns={columns} filterLabel="Filter perpetrators' groups" />
      )}
    </Page>
  );
}
