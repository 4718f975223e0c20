/**
 * Assessments in the caller's caseload: days from allocation to completion
 * (or so far) against the 25-day target, overdue ones first, and recording a
 * completion. The days and the overdue flag come from the core (through the
 * API), never computed here. Both lists are paged by the API (a cursor, with
 * the total shown), so a caseload with hundreds of completed assessments
 * shows all of them, most recent first.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { applyFieldErrors, Button, DateInput, Details, ErrorSummary, NotificationBanner, Select, summaryErrors, Table, Tag, DraftOfferBanner, useFormDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Link } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { childName, formatDay } from "../../lib/format.js";
import { notFuture, requiredDate, saveProblem } from "../../lib/record-form.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type Assessment = RouterOutputs["assessments"]["list"]["items"][number];


function Timeliness({ a }: { a: Assessment }) {
  const t = a.timeliness;
  if (t.days === null) return <>No allocation date</>;
  if (t.completed) return t.withinTarget ? <Tag colour="green">{`${t.days} days – within ${t.targetDays}`}</Tag> : <Tag colour="orange">{`${t.days} days – over ${t.targetDays}`}</Tag>;
  return t.overdue ? <Tag colour="red">{`${t.days} days so far – overdue`}</Tag> : <>{`${t.days} days so far (${t.daysRemaining} left)`}</>;
}

const ZComplete = z.object({ completedAt: requiredDate("the date the assessment was completed").refine(notFuture, { message: "The completion date cannot be in the future" }) });
type TComplete = z.infer<typeof ZComplete>;

function Complete({ a, onSaved }: { a: Assessment; onSaved: (text: string) => void }) {
  const queryClient = useQueryClient();
  const key = `assessment:complete:${a.id}`;
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const update = useMutation(api.assessments.update.mutationOptions());
  const id = `complete-${a.id}`;
  const form = useForm<TComplete>({ shouldFocusError: false, resolver: zodResolver(ZComplete), defaultValues: { completedAt: "" } });
  const draft = useFormDraft(form, key);
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    setProblem(null);
    setConflict(false);
    try {
      await update.mutateAsync({ id: a.id, version: a.version as number, patch: { completedAt: v.completedAt } });
      draft.saved();
      await queryClient.invalidateQueries({ queryKey: api.assessments.pathKey() });
      onSaved(`Assessment for ${childName(a)} completed`);
    } catch (error) {
      draft.keepNow(v);
      const info = errorInfo(error);
      if (info.code === "CONFLICT") {
        setConflict(true);
        await queryClient.invalidateQueries({ queryKey: api.assessments.pathKey() });
        return;
      }
      if (info.fieldErrors.length) {
        const rest = applyFieldErrors(info.fieldErrors, form.setError, ["completedAt"]);
        if (rest.length) setProblem(rest.join("; "));
        return;
      }
      // The API's date rules (e.g. completed before it started) come back as a message about completedAt.
      if (info.code === "BAD_REQUEST" && /completedAt/.test(info.message)) form.setError("completedAt", { type: "server", message: info.message.replace(/^completedAt: /, "").replace(/^./, (c) => c.toUpperCase()) });
      else setProblem(saveProblem(error));
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label={`Record completion for ${childName(a)}`}>
      {conflict ? <NotificationBanner heading="Someone else changed this assessment while you were typing">The list now shows what they saved; your date is still here. Save again if it still applies.</NotificationBanner> : null}
      <ErrorSummary errors={summaryErrors(errors, { completedAt: id })} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      <Controller control={form.control} name="completedAt" render={({ field }) => <DateInput id={id} legend="Date completed" legendSize="s" error={errors.completedAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Record completion
      </Button>
    </form>
  );
}

/** Rows per page: the API pages with a cursor and says how many there are in all. */
export const PAGE_SIZE = 50;

/** GOV.UK pagination: previous and next, with where this page sits in the whole list. */
function Pager({ first, count, total, onPrevious, onNext }: { first: number; count: number; total: number; onPrevious: (() => void) | null; onNext: (() => void) | null }) {
  return (
    <>
      <p className="govuk-body" data-testid="page-position" aria-live="polite">
        {total === 0 ? "None to show." : `Showing ${first} to ${first + count - 1} of ${total}`}
      </p>
      {onPrevious || onNext ? (
        <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of assessments">
          {onPrevious ? (
            <div className="govuk-pagination__prev">
              <button type="button" className="govuk-link govuk-pagination__link app-sort-button" rel="prev" onClick={onPrevious}>
                <span className="govuk-pagination__link-title">Previous page</span>
              </button>
            </div>
          ) : null}
          {onNext ? (
            <div className="govuk-pagination__next">
              <button type="button" className="govuk-link govuk-pagination__link app-sort-button" rel="next" onClick={onNext}>
                <span className="govuk-pagination__link-title">Next page</span>
              </button>
            </div>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export default function AssessmentsPage() {
  const auth = useAuth();
  const [show, setShow] = useState<"open" | "completed">("open");
  const [saved, setSaved] = useState<string | null>(null);
  /** The cursors of the pages before this one (empty on the first page). */
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  // While the next page loads, the page shown stays; a different list (in progress / completed) is not kept
  // on screen under the new caption: a loading message is shown instead.
  const q = useQuery({
    ...api.assessments.list.queryOptions({ open: show === "open", limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    placeholderData: (previous, previousQuery) => ((previousQuery?.queryKey[1] as { input?: { open?: boolean } } | undefined)?.input?.open === (show === "open") ? previous : undefined),
  });
  // In the API's order: in progress, longest since allocation (so overdue) first; completed, most recent first.
  const rows = q.data?.items ?? [];
  const overdue = rows.filter((a) => a.timeliness.overdue).length;
  const first = cursors.length * PAGE_SIZE + 1;
  const nextCursor = q.data?.nextCursor ?? null;
  const pager = (
    <Pager
      first={first}
      count={rows.length}
      total={q.data?.total ?? 0}
      onPrevious={cursors.length ? () => setCursors(cursors.slice(0, -1)) : null}
      onNext={nextCursor ? () => setCursors([...cursors, nextCursor]) : null}
    />
  );
  return (
    <Page title="Assessments" caption="Your caseload">
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      <p className="govuk-body">Days from the case being allocated to the assessment being completed, against the 25-day target. Record a new assessment from the family&apos;s page.</p>
      <Select
        id="show"
        label="Show"
        value={show}
        onChange={(e) => {
          setShow(e.target.value as "open" | "completed");
          setCursors([]);
        }}
        options={[
          { value: "open", label: "In progress" },
          { value: "completed", label: "Completed" },
        ]}
      />
      {q.isPending ? (
        <Loading what="Loading assessments" />
      ) : q.isError ? (
        <QueryError error={q.error} what="Assessments" />
      ) : rows.length === 0 ? (
        <p className="govuk-body">No assessments to show.</p>
      ) : (
        <>
          {show === "open" ? <p className="govuk-body" data-testid="overdue-count">{overdue === 0 ? "None on this page is past the target." : `${overdue} on this page past the ${rows[0]!.timeliness.targetDays}-day target.`}</p> : null}
          <Table
            caption={show === "open" ? "Assessments in progress, overdue first" : "Completed assessments, most recent first"}
            captionSize="s"
            rows={rows}
            rowKey={(a) => a.id}
            columns={[
              { header: "Child", cell: (a) => childName(a) },
              { header: "Family", cell: (a) => <Link className="govuk-link" to={`/families/${a.familyId as string}`}>{(a.family as { name: string } | null)?.name ?? "Family"}</Link> },
              { header: "Level", cell: (a) => (a.level === "EARLY_HELP" ? "Early Help" : "CIN") },
              { header: "Allocated", cell: (a) => formatDay(a.allocatedAt) },
              { header: show === "open" ? "Started" : "Completed", cell: (a) => formatDay(show === "open" ? a.startedAt : a.completedAt) },
              { header: "Days from allocation", cell: (a) => <Timeliness a={a} /> },
            ]}
          />
          {pager}
          {show === "open" && auth.can("assessments:write")
            ? rows.map((a) => (
                <Details key={`${a.id}:${a.version as number}`} summary={`Record completion for ${childName(a)}`}>
                  <Complete a={a} onSaved={setSaved} />
                </Details>
              ))
            : null}
        </>
      )}
    </Page>
  );
}
