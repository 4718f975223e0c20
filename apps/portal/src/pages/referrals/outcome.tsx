/**
 * Record what happened to a referral: the outcome (the core's list; "No
 * further action" sets the NFA flag) and, when it closes, the closing date.
 * The save carries the version that was loaded: if someone else saved first,
 * the API answers CONFLICT and the page shows what they saved next to what
 * this user typed (kept, and kept on this device), never overwriting silently.
 */
import { NFA_OUTCOME, REFERRAL_OUTCOMES } from "@evident/core";
import { zodResolver } from "@hookform/resolvers/zod";
import { applyFieldErrors, Button, DateInput, ErrorSummary, NotificationBanner, Radios, requiredChoice, summaryErrors, SummaryList, useFormDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Link, useNavigate, useParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDay } from "../../lib/format.js";
import { DraftBanner, notFuture, optionalDate, saveProblem } from "../../lib/record-form.js";
import type { FamilyDetail } from "../../lib/shapes.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";
import { childLabel, sourceLabel } from "./list.js";

type Referral = RouterOutputs["referrals"]["get"];

const ZForm = z.object({
  outcome: requiredChoice("Select the outcome of the referral"),
  closedAt: optionalDate("The closing date").refine(notFuture, { message: "The closing date cannot be in the future" }),
});
type TForm = z.infer<typeof ZForm>;
const IDS = { outcome: "referral-outcome", closedAt: "referral-closed" };

export default function ReferralOutcomePage() {
  const { id = "" } = useParams();
  // Loaded once for the form: a later refetch must not move the version this user is editing against.
  const q = useQuery({ ...api.referrals.get.queryOptions({ id }), refetchOnWindowFocus: false });
  const family = useQuery({ ...api.families.get.queryOptions({ id: q.data?.familyId ?? "" }), enabled: Boolean(q.data?.familyId) });
  if (q.isPending) return <Loading what="Loading the referral" />;
  if (q.isError) {
    return (
      <Page title="Referral">
        <QueryError error={q.error} what="This referral" />
      </Page>
    );
  }
  return <OutcomeForm key={q.data.id} initial={q.data} family={family.data as FamilyDetail | undefined} />;
}

function describe(r: Referral) {
  return `${r.outcome ?? "no outcome"}${r.nfa ? " (no further action)" : ""}; ${r.closedAt ? `closed ${formatDay(r.closedAt)}` : "still open"}`;
}

function OutcomeForm({ initial, family }: { initial: Referral; family: FamilyDetail | undefined }) {
  const auth = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const key = `referral:outcome:${initial.id}`;
  /** The record this user is editing against (its version goes with the save). */
  const [base, setBase] = useState<Referral>(initial);
  /** What someone else saved first, when a save met a conflict. */
  const [theirs, setTheirs] = useState<Referral | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fromRecord: TForm = { outcome: initial.outcome ?? "", closedAt: initial.closedAt ?? "" };
  const form = useForm<TForm>({ shouldFocusError: false, resolver: zodResolver(ZForm), defaultValues: fromRecord });
  const draft = useFormDraft(form, key);
  const { handleSubmit, formState, control, setError, register } = form;
  const errors = formState.errors;
  const update = useMutation(api.referrals.update.mutationOptions());
  const canWrite = auth.can("referrals:write");
  const outcomes: string[] = [...REFERRAL_OUTCOMES];
  // An imported referral may carry an outcome outside the list: offer it too, so it is not lost.
  if (initial.outcome && !outcomes.includes(initial.outcome)) outcomes.unshift(initial.outcome);

  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    try {
      await update.mutateAsync({ id: base.id, version: base.version, patch: { outcome: v.outcome, nfa: v.outcome === NFA_OUTCOME, closedAt: v.closedAt === "" ? null : v.closedAt } });
      draft.saved();
      await queryClient.invalidateQueries({ queryKey: api.referrals.pathKey() });
      navigate(base.familyId ? `/families/${base.familyId}/referrals` : "/families", { state: { saved: "Referral outcome saved" } });
    } catch (error) {
      draft.keepNow(v);
      const info = errorInfo(error);
      if (info.code === "CONFLICT") {
        // Show what they saved; keep what this user typed; the next save knowingly replaces theirs.
        const latest = await queryClient.fetchQuery({ ...api.referrals.get.queryOptions({ id: base.id }), staleTime: 0 });
        setTheirs(latest);
        setBase(latest);
        window.scrollTo(0, 0);
        return;
      }
      if (info.fieldErrors.length) {
        // "nfa" disagreeing with the outcome is a problem with the outcome chosen.
        const rest = applyFieldErrors(
          info.fieldErrors.map((fe) => (fe.path.endsWith("nfa") ? { ...fe, path: "outcome" } : fe)),
          setError,
          Object.keys(IDS),
        );
        if (rest.length) setProblem(rest.join("; "));
        return;
      }
      setProblem(saveProblem(error));
    }
  });

  const title = canWrite ? "Record the referral's outcome" : "Referral";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {theirs ? (
          <div data-testid="conflict">
            <NotificationBanner heading="Someone else saved this referral while you were editing it">
              <p className="govuk-body">
                They recorded: <strong>{describe(theirs)}</strong>. Your changes are still below and have not been saved. Save again to replace what they recorded, or{" "}
                <button
                  type="button"
                  className="govuk-link"
                  style={{ background: "none", border: 0, padding: 0, cursor: "pointer", font: "inherit" }}
                  onClick={() => {
                    draft.saved();
                    setTheirs(null);
                    form.reset({ outcome: theirs.outcome ?? "", closedAt: theirs.closedAt ?? "" });
                  }}
                >
                  keep theirs and discard yours
                </button>
                .
              </p>
            </NotificationBanner>
          </div>
        ) : null}
        <ErrorSummary errors={summaryErrors(errors, IDS)} description={problem ?? undefined} />
        {!theirs ? <DraftBanner offer={draft.offer} /> : null}
        <Page title={title} caption={family ? `${family.name} (${family.reference})` : "Referral"}>
          <SummaryList
            rows={[
              { key: "Child", value: childLabel(family, initial.childId) },
              { key: "Referred", value: formatDay(initial.date) },
              { key: "Source", value: sourceLabel(initial.source) },
              { key: "Domestic abuse", value: initial.domesticAbuse ? "A factor" : "Not recorded as a factor" },
              { key: "Recorded outcome", value: describe(base) },
            ]}
          />
          {canWrite ? (
            <form noValidate onSubmit={onSubmit} aria-label="Record the referral's outcome">
              <Radios
                id={IDS.outcome}
                legend="Outcome"
                legendSize="m"
                hint={`"${NFA_OUTCOME}" marks the referral NFA.`}
                error={errors.outcome?.message}
                items={outcomes.map((o) => ({ value: o, label: o }))}
                inputProps={register("outcome")}
              />
              <Controller
                control={control}
                name="closedAt"
                render={({ field }) => (
                  <DateInput id={IDS.closedAt} legend="Date the referral closed (optional)" hint="Leave blank while the referral is still open" error={errors.closedAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />
                )}
              />
              <div className="govuk-button-group">
                <Button type="submit" disabled={formState.isSubmitting}>
                  Save outcome
                </Button>
                {base.familyId ? (
                  <Link className="govuk-link" to={`/families/${base.familyId}/referrals`}>
                    Cancel
                  </Link>
                ) : null}
              </div>
            </form>
          ) : null}
        </Page>
      </div>
    </div>
  );
}
