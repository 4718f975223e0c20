import { Input, Select, Table, Tag } from "@evident/ui";
import { AssignTraining } from "../components/assign-training.js";
import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { Link } from "react-router";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { useAuth } from "../lib/auth.js";
import { formatDate } from "../lib/format.js";
import { api } from "../lib/trpc.js";

export default function StaffPage() {
  const auth = useAuth();
  const [search, setSearch] = useState("");
  const [teamId, setTeamId] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const canAssign = auth.can("training:assign");
  const toggle = (id: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const deferred = useDeferredValue(search.trim());
  const options = useQuery(api.training.options.queryOptions());
  const q = useQuery(api.training.staff.list.queryOptions({ ...(deferred ? { search: deferred } : {}), ...(teamId ? { teamId } : {}) }));
  return (
    <Page title="Staff and their training" caption={auth.me?.role === "manager" ? "Your team" : undefined}>
      {auth.can("training:write") ? (
        <div className="govuk-button-group">
          <Link className="govuk-button" to="/staff/new">
            Add a starter
          </Link>
          <Link className="govuk-button govuk-button--secondary" to="/staff/import">
            Import a roster
          </Link>
        </div>
      ) : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <Input id="search" label="Search by name" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        {auth.me?.role !== "manager" ? (
          <div className="govuk-grid-column-one-half">
            <Select id="team" label="Team" value={teamId} onChange={(e) => setTeamId(e.target.value)} options={[{ value: "", label: "All teams" }, ...(options.data?.teams ?? []).map((t) => ({ value: t.id, label: t.name }))]} />
          </div>
        ) : null}
      </div>
      {q.isPending ? <Loading /> : q.isError ? <QueryError error={q.error} what="Staff" /> : (
        <>
          <p className="govuk-body" role="status">
            {q.data.items.length} people in post.
          </p>
          <Table
            caption="Staff in post"
            captionSize="s"
            rows={q.data.items}
            rowKey={(s) => s.id}
            firstCellIsHeader
            columns={[
              { header: "Name", cell: (s) => <Link className="govuk-link" to={`/staff/${s.id}`}>{s.name}</Link> },
              ...(canAssign
                ? [
                    {
                      header: "Choose",
                      cell: (s: (typeof q.data.items)[number]) => (
                        <div className="govuk-checkboxes govuk-checkboxes--small">
                          <div className="govuk-checkboxes__item">
                            <input className="govuk-checkboxes__input" id={`choose-${s.id}`} type="checkbox" checked={chosen.has(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                            <label className="govuk-label govuk-checkboxes__label" htmlFor={`choose-${s.id}`}>
                              <span className="govuk-visually-hidden">Choose {s.name}</span>
                            </label>
                          </div>
                        </div>
                      ),
                    },
                  ]
                : []),
              { header: "Role", cell: (s) => s.roleLabel },
              { header: "Team", cell: (s) => s.team ?? "–" },
              { header: "Started", cell: (s) => formatDate(s.startDate) },
              { header: "Required courses valid", numeric: true, cell: (s) => (s.mandatoryTotal ? `${s.mandatoryValid} of ${s.mandatoryTotal}` : "–") },
              {
                header: "Status",
                cell: (s) =>
                  s.overdue > 0 ? <Tag colour="red">{s.overdue} overdue</Tag> : s.dueSoon > 0 ? <Tag colour="orange">{s.dueSoon} due soon</Tag> : s.open > 0 ? <Tag colour="blue">{s.open} to do</Tag> : <Tag colour="green">Up to date</Tag>,
              },
            ]}
          />
          {canAssign ? (
            <section aria-labelledby="assign-chosen">
              <h2 className="govuk-heading-m" id="assign-chosen">
                Assign training to the people chosen
              </h2>
              <p className="govuk-body" role="status">
                {chosen.size === 0 ? "Tick the people in the table to assign training to them." : `${chosen.size === 1 ? "1 person" : `${chosen.size} people`} chosen.`}
              </p>
              {chosen.size > 0 ? (
                <p className="govuk-body">
                  <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setChosen(new Set())}>
                    Clear the choice
                  </button>
                </p>
              ) : null}
              <AssignTraining idPrefix="assign-chosen" staffIds={[...chosen]} who={`${chosen.size} people`} />
            </section>
          ) : null}
        </>
      )}
    </Page>
  );
}
