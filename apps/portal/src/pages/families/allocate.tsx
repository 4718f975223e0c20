/**
 * Allocation on the family page (managers): who holds the family now, and a
 * form to allocate a worker (a new lead replaces the old one).
 */
import { Button, ErrorSummary, NotificationBanner, Select } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Loading, QueryError } from "../../components/errors.js";
import { api, errorInfo } from "../../lib/trpc.js";
import type { FamilyDetail } from "../../lib/shapes.js";

export function AllocateWorker({ family }: { family: FamilyDetail }) {
  const workers = useQuery(api.families.workers.queryOptions());
  const queryClient = useQueryClient();
  const allocate = useMutation(api.families.allocate.mutationOptions());
  const [staffId, setStaffId] = useState("");
  const [lead, setLead] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (workers.isPending) return <Loading what="Loading workers" />;
  if (workers.isError) return <QueryError error={workers.error} what="Workers" />;
  const nameOf = new Map(workers.data.map((w) => [w.staffId, w.name]));
  const current = family.allocations.filter((a) => a.personId === null);

  async function submit() {
    setProblem(null);
    setDone(null);
    if (!staffId) return setProblem("Choose a worker");
    try {
      await allocate.mutateAsync({ familyId: family.id, staffId, lead });
      setDone(`${nameOf.get(staffId) ?? "The worker"} is now ${lead ? "the lead worker" : "allocated"}`);
      setStaffId("");
      await queryClient.invalidateQueries();
    } catch (error) {
      setProblem(errorInfo(error).message);
    }
  }

  return (
    <section aria-labelledby="allocation">
      <h2 className="govuk-heading-m" id="allocation">
        Allocation
      </h2>
      {done ? <NotificationBanner type="success" heading={done} /> : null}
      <ErrorSummary errors={problem ? [{ href: "#worker", text: problem }] : []} />
      <p className="govuk-body" data-testid="allocated-workers">
        {current.length === 0 ? "No one is allocated to this family." : current.map((a) => `${nameOf.get(a.staffId) ?? "A worker"}${a.lead ? " (lead)" : ""}`).join(", ")}
      </p>
      <Select
        id="worker"
        label="Allocate to"
        error={problem ?? undefined}
        value={staffId}
        onChange={(e) => setStaffId(e.target.value)}
        options={[{ value: "", label: "Choose a worker" }, ...workers.data.map((w) => ({ value: w.staffId, label: `${w.name}${w.teamName ? ` (${w.teamName})` : ""}` }))]}
      />
      <div className="govuk-checkboxes govuk-checkboxes--small govuk-form-group" data-module="govuk-checkboxes">
        <div className="govuk-checkboxes__item">
          <input className="govuk-checkboxes__input" id="lead" type="checkbox" checked={lead} onChange={(e) => setLead(e.target.checked)} />
          <label className="govuk-label govuk-checkboxes__label" htmlFor="lead">
            Lead worker (replaces the current lead)
          </label>
        </div>
      </div>
      <Button onClick={() => void submit()} disabled={allocate.isPending}>
        Allocate
      </Button>
    </section>
  );
}
