import { Button, DraftOfferBanner, ErrorSummary, NotificationBanner, Select, SummaryList, Table, useStateDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { AssignTraining } from "../components/assign-training.js";
import { howAssigned, StateTag } from "../components/bits.js";
import { ExternalCompletions, RecordCompletion } from "../components/external-completions.js";
import { OpenAssignments } from "../components/open-assignments.js";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { useAuth } from "../lib/auth.js";
import { formatDate, plural, todayIso } from "../lib/format.js";
import { api, errorInfo } from "../lib/trpc.js";

export default function StaffMemberPage() {
  const { id = "" } = useParams();
  const auth = useAuth();
  const q = useQuery(api.training.staff.get.queryOptions({ id }));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} what="This member of staff" />;
  const { staff, assignments, courses, externalCompletions } = q.data;
  const canAssign = auth.can("training:assign") && !staff.leaveDate;
  return (
    <Page title={staff.name} caption={staff.roleLabel}>
      <SummaryList
        rows={[
          { key: "Job title", value: staff.jobTitle },
          { key: "Team", value: staff.team?.name ?? "No team" },
          { key: "Started", value: formatDate(staff.startDate) },
          { key: "Left", value: staff.leaveDate ? formatDate(staff.leaveDate) : "In post" },
          { key: "Languages", value: staff.languages.join(", ") || "English" },
        ]}
      />
      <Table
        caption="Onboarding and assigned training"
        captionSize="m"
        rows={assignments}
        rowKey={(a) => a.id}
        columns={[
          { header: "Module or course", cell: (a) => a.title },
          { header: "Type", cell: (a) => (a.kind === "module" ? "Module" : "Course") },
          { header: "Assigned", cell: (a) => formatDate(a.assignedOn) },
          { header: "Due", cell: (a) => formatDate(a.dueOn) },
          { header: "How assigned", cell: (a) => (a.note ? `${howAssigned(a)} (${a.note})` : howAssigned(a)) },
          { header: "Status", cell: (a) => <StateTag state={a.state} /> },
        ]}
      />
      {assignments.length === 0 ? <p className="govuk-body">Nothing assigned.</p> : null}
      <Table
        caption="Courses"
        captionSize="m"
        rows={courses}
        rowKey={(c) => c.courseId}
        columns={[
          { header: "Course", cell: (c) => c.title },
          { header: "Required", cell: (c) => (c.mandatory ? "Yes" : "No") },
          { header: "Completed", cell: (c) => formatDate(c.completedOn) || "–" },
          { header: "Expires", cell: (c) => formatDate(c.expiresOn) || "–" },
          { header: "Status", cell: (c) => <StateTag state={c.status} /> },
        ]}
      />
      {canAssign ? <OpenAssignments assignments={assignments.filter((a) => a.open)} /> : null}
      <h2 className="govuk-heading-m" id="external">
        Training from outside providers
      </h2>
      <ExternalCompletions list={externalCompletions} canChange={canAssign} />
      {canAssign ? (
        <>
          <section aria-labelledby="assign-heading">
            <h2 className="govuk-heading-m" id="assign-heading">
              Assign training
            </h2>
            <AssignTraining idPrefix="assign" staffIds={[staff.id]} who={staff.name} />
          </section>
          <section aria-labelledby="record-heading">
            <h2 className="govuk-heading-m" id="record-heading">
              Record training from an outside provider
            </h2>
            <p className="govuk-body">It counts exactly as a session here does: for their status, its expiry, coverage and, for a facilitator course, who can run groups.</p>
            <RecordCompletion staffId={staff.id} name={staff.name} />
          </section>
        </>
      ) : null}
      {auth.can("training:write") && !staff.leaveDate ? <ChangeRole id={staff.id} version={staff.version} role={staff.role} /> : null}
    </Page>
  );
}

function ChangeRole({ id, version, role }: { id: string; version: number; role: string }) {
  const queryClient = useQueryClient();
  const options = useQuery(api.training.options.queryOptions());
  const [next, setNext, draft] = useStateDraft(`training-role:${id}`, "");
  const [done, setDone] = useState<string | null>(null);
  const change = useMutation({
    ...api.training.staff.changeRole.mutationOptions(),
    onSuccess: async (r) => {
      draft.saved();
      setDone(`Role changed. ${plural(r.added.length, "item")} added for the new role.`);
      await queryClient.invalidateQueries({ queryKey: api.training.staff.pathKey() });
    },
  });
  return (
    <section aria-labelledby="change-role">
      <h2 className="govuk-heading-m" id="change-role">
        Change of role
      </h2>
      {done ? <NotificationBanner type="success" heading={done} /> : null}
      <DraftOfferBanner offer={draft.offer} />
      <ErrorSummary errors={[]} description={change.isError ? errorInfo(change.error).message : undefined} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (next) change.mutate({ id, version, role: next as never, date: todayIso() });
        }}
      >
        <Select id="new-role" label="New job role" hint="What the new role needs and they do not hold yet is assigned, due from today." value={next} onChange={(e) => setNext(e.target.value)} options={[{ value: "", label: "Choose a role" }, ...(options.data?.staffRoles ?? []).filter((r) => r.value !== role)]} />
        <Button type="submit" variant="secondary" disabled={!next || change.isPending}>
          Change role
        </Button>
      </form>
    </section>
  );
}
