import { Tag } from "@evident/ui";
import { useInfiniteQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { DataTable } from "../../components/data-table.js";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDay } from "../../lib/format.js";
import { client, type RouterOutputs } from "../../lib/trpc.js";

type Family = RouterOutputs["families"]["list"]["items"][number];
const col = createColumnHelper<Family>();

export default function FamiliesPage() {
  const auth = useAuth();
  const [open, setOpen] = useState<"open" | "closed" | "all">("open");
  const q = useInfiniteQuery({
    queryKey: ["families", "list", { open }],
    queryFn: ({ pageParam }) => client.families.list.query({ limit: 100, ...(open === "all" ? {} : { open: open === "open" }), ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);
  const columns = useMemo(
    () => [
      col.accessor("name", { header: "Family", cell: (c) => <Link className="govuk-link" to={`/families/${c.row.original.id}`}>{c.getValue()}</Link> }),
      col.accessor("reference", { header: "Reference" }),
      col.accessor("openedAt", { header: "Opened", cell: (c) => formatDay(c.getValue()), sortUndefined: "last" }),
      col.accessor((f) => (f.closedAt ? "Closed" : "Open"), { id: "status", header: "Status", cell: (c) => <Tag colour={c.getValue() === "Open" ? "green" : "grey"}>{c.getValue()}</Tag> }),
    ],
    [],
  );
  return (
    <Page
      title="Families"
      actions={
        auth.can("families:write") ? (
          <Link to="/families/new" className="govuk-button" role="button" draggable={false}>
            Record a new family
          </Link>
        ) : null
      }
    >
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="family-status">
          Show
        </label>
        <select className="govuk-select" id="family-status" value={open} onChange={(e) => setOpen(e.target.value as typeof open)}>
          <option value="open">Open families</option>
          <option value="closed">Closed families</option>
          <option value="all">All families</option>
        </select>
      </div>
      {q.isPending ? (
        <Loading what="Loading families" />
      ) : q.isError ? (
        <QueryError error={q.error} what="Families" />
      ) : rows.length === 0 ? (
        <p className="govuk-body">There are no families to show. Families appear here when they are allocated to you or your team.</p>
      ) : (
        <>
          <DataTable id="families" caption="Families" data={rows} columns={columns} filterLabel="Filter by name or reference" initialSort={[{ id: "name", desc: false }]} />
          {q.hasNextPage ? (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
              Load more families
            </button>
          ) : null}
        </>
      )}
    </Page>
  );
}
