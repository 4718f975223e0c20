/**
 * MARAC referrals: referrals of victims to the Multi-Agency Risk Assessment
 * Conference. Record one (the victim, the date, the referring agency, the
 * DASH score and the criterion met: the core's rule needs a score of 14 or
 * more for "visible high risk"), list them with repeat referrals marked, and
 * record what the conference decided. Behind the information barrier: the
 * API never returns a referral to anyone working with the perpetrator.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { DASH_HIGH_RISK, DASH_QUESTIONS, MARAC_CRITERIA, MARAC_OUTCOMES, MARAC_REFERRING_AGENCIES, maracCriteriaProblem, type TMaracOutcome } from "@evident/core";
import { Button, Checkboxes, DateInput, Details, ErrorSummary, Input, NotificationBanner, Radios, requiredChoice, Select, summaryErrors, Table, Tag, useFormDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Link, useSearchParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDay } from "../../lib/format.js";
import { DraftBanner, explainFailedSave, notFuture, optionalDate, requiredDate } from "../../lib/record-form.js";
import type { FamilyDetail } from "../../lib/shapes.js";
import { api, type RouterOutputs } from "../../lib/trpc.js";
import { CRITERION_LABEL, labelsOf, MARAC_OUTCOME_LABEL, REFERRING_AGENCY_LABEL } from "./labels.js";

type Referral = RouterOutputs["marac"]["list"]["items"][number];
const victimName = (r: Referral) => (r.person.restricted ? "Restricted record" : `${r.person.firstName} ${r.person.lastName}`);

const ZForm = z
  .object({
    familyId: z.string().min(1, "Choose the family"),
    personId: z.string().min(1, "Choose the victim referred"),
    referredOn: requiredDate("the date of the referral").refine(notFuture, { message: "The date cannot be in the future" }),
    referringAgency: z.string().min(1, "Choose the referring agency"),
    dashScore: z.string().refine((v) => v === "" || (/^\d{1,2}$/.test(v) && Number(v) <= DASH_QUESTIONS), { message: `The DASH score is a whole number from 0 to ${DASH_QUESTIONS}` }),
    criteria: z.array(z.enum(MARAC_CRITERIA)).min(1, "Choose the criterion the referral meets"),
  })
  .strict()
  .superRefine((v, ctx) => {
    const problem = maracCriteriaProblem({ dashScore: v.dashScore === "" ? null : Number(v.dashScore), criteria: v.criteria });
    if (problem && problem.path === "dashScore") ctx.addIssue({ code: "custom", path: ["dashScore"], message: `Visible high risk needs a DASH score of ${DASH_HIGH_RISK} or more` });
  });
type TForm = z.infer<typeof ZForm>;

const ids = { familyId: "m-family", personId: "m-person", referredOn: "m-date", referringAgency: "m-agency", dashScore: "m-dash", criteria: "m-criteria" };
const DRAFT = "marac:new";
const EMPTY: TForm = { familyId: "", personId: "", referredOn: "", referringAgency: "childrens_services", dashScore: "", criteria: [] };

function RecordReferral({ onSaved }: { onSaved: (text: string) => void }) {
  const [params] = useSearchParams();
  const qc = useQueryClient();
  const families = useQuery(api.families.list.queryOptions({ open: true, limit: 100 }));
  const create = useMutation(api.marac.create.mutationOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<TForm>({ shouldFocusError: false, resolver: zodResolver(ZForm), defaultValues: { ...EMPTY, familyId: params.get("family") ?? "" } });
  const draft = useFormDraft(form, DRAFT);
  const familyId = form.watch("familyId");
  const family = useQuery({ ...api.families.get.queryOptions({ id: familyId }), enabled: Boolean(familyId) });
  const victims = ((family.data as FamilyDetail | undefined)?.people ?? []).filter((p) => p.familyRole === "victim");
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    setProblem(null);
    try {
      await create.mutateAsync({ personId: v.personId, familyId: v.familyId, referredOn: v.referredOn, referringAgency: v.referringAgency as never, criteria: v.criteria, ...(v.dashScore !== "" ? { dashScore: Number(v.dashScore) } : {}) });
      draft.saved();
      form.reset(EMPTY);
      await qc.invalidateQueries({ queryKey: api.marac.pathKey() });
      onSaved("MARAC referral recorded");
    } catch (error) {
      draft.keepNow(v);
      explainFailedSave(error, { setError: form.setError, fields: Object.keys(ids), setProblem });
    }
  });
  const familyOptions = [{ value: "", label: "Choose a family" }, ...(families.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.name} (${f.reference})` }))];
  const wanted = params.get("family");
  if (wanted && !familyOptions.some((o) => o.value === wanted)) familyOptions.push({ value: wanted, label: (family.data as FamilyDetail | undefined)?.id === wanted ? `${(family.data as FamilyDetail).name} (${(family.data as FamilyDetail).reference})` : "The family you came from" });
  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="record-marac">
      <h2 className="govuk-heading-m" id="record-marac">
        Record a MARAC referral
      </h2>
      <DraftBanner offer={draft.offer} />
      <ErrorSummary errors={summaryErrors(errors, ids)} description={problem ?? undefined} />
      <Select id={ids.familyId} label="Family" hint="Families on your caseload or your team's" error={errors.familyId?.message} options={familyOptions} {...form.register("familyId")} />
      <Select
        id={ids.personId}
        label="Victim referred"
        hint={familyId && family.isSuccess && victims.length === 0 ? "Nobody in this family is recorded as a victim" : undefined}
        error={errors.personId?.message}
        options={[{ value: "", label: familyId ? "Choose the victim" : "Choose a family first" }, ...victims.map((p) => ({ value: p.id, label: p.restricted ? "Restricted record" : `${p.firstName} ${p.lastName}` }))]}
        {...form.register("personId")}
      />
      <Controller control={form.control} name="referredOn" render={({ field }) => <DateInput id={ids.referredOn} legend="Date of the referral" legendSize="s" error={errors.referredOn?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Select id={ids.referringAgency} label="Referring agency" error={errors.referringAgency?.message} options={MARAC_REFERRING_AGENCIES.map((a) => ({ value: a, label: REFERRING_AGENCY_LABEL[a] }))} {...form.register("referringAgency")} />
      <Input id={ids.dashScore} label="DASH score (optional)" hint={`The number of "yes" answers on the DASH risk checklist, 0 to ${DASH_QUESTIONS}`} inputMode="numeric" width={2} error={errors.dashScore?.message} {...form.register("dashScore")} />
      <Checkboxes id={ids.criteria} legend="Which criterion does the referral meet?" legendSize="s" small error={errors.criteria?.message} items={MARAC_CRITERIA.map((c) => ({ value: c, label: CRITERION_LABEL[c] }))} inputProps={form.register("criteria")} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Record referral
      </Button>
    </form>
  );
}

const ZOutcome = z
  .object({ outcome: requiredChoice("Choose what the conference decided"), conferenceDate: optionalDate("The conference date") })
  .strict()
  .refine((v) => !v.outcome.startsWith("heard") || v.conferenceDate !== "", { message: "Enter the conference date, for example 27 3 2025", path: ["conferenceDate"] });
type TOutcome = z.infer<typeof ZOutcome>;

function RecordOutcome({ r, onSaved }: { r: Referral; onSaved: (text: string) => void }) {
  const qc = useQueryClient();
  const mutation = useMutation(api.marac.recordOutcome.mutationOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const oids = { outcome: `mo-${r.id}-outcome`, conferenceDate: `mo-${r.id}-date` };
  const form = useForm<TOutcome>({ shouldFocusError: false, resolver: zodResolver(ZOutcome), defaultValues: { outcome: r.outcome ?? "", conferenceDate: r.conferenceDate ?? "" } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    setProblem(null);
    setConflict(false);
    try {
      await mutation.mutateAsync({ id: r.id, version: r.version, outcome: v.outcome as TMaracOutcome, ...(v.conferenceDate ? { conferenceDate: v.conferenceDate } : {}) });
      await qc.invalidateQueries({ queryKey: api.marac.pathKey() });
      onSaved("Outcome recorded");
    } catch (error) {
      const info = explainFailedSave(error, { setError: form.setError, fields: Object.keys(oids), setProblem }, { otherwise: (i) => i.code === "CONFLICT" });
      if (info.code === "CONFLICT") {
        setConflict(true);
        await qc.invalidateQueries({ queryKey: api.marac.pathKey() });
      }
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label={`Record the outcome of the referral of ${formatDay(r.referredOn)}`}>
      {conflict ? <NotificationBanner heading="Someone else changed this referral while you were typing">The list now shows what they saved.</NotificationBanner> : null}
      <ErrorSummary errors={summaryErrors(errors, oids)} description={problem ?? undefined} />
      <Radios id={oids.outcome} legend="Outcome" legendSize="s" small error={errors.outcome?.message} items={MARAC_OUTCOMES.map((o) => ({ value: o, label: MARAC_OUTCOME_LABEL[o] }))} inputProps={form.register("outcome")} />
      <Controller control={form.control} name="conferenceDate" render={({ field }) => <DateInput id={oids.conferenceDate} legend="Date of the conference" legendSize="s" hint="If it was heard" error={errors.conferenceDate?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Record outcome
      </Button>
    </form>
  );
}

export default function MaracPage() {
  const auth = useAuth();
  const [saved, setSaved] = useState<string | null>(null);
  const q = useQuery(api.marac.list.queryOptions({ limit: 100 }));
  const canWrite = auth.can("marac:write");
  return (
    <Page title="MARAC referrals" caption="Domestic abuse work">
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      <p className="govuk-body">
        Victims at high risk are referred to the Multi-Agency Risk Assessment Conference. A referral is made at visible high risk (a DASH score of {DASH_HIGH_RISK} or more), on professional judgement, or on potential escalation. A referral within 12 months of the same victim&apos;s previous one is a repeat referral.
      </p>
      <p className="govuk-body">
        These referrals are behind the information barrier: nobody working with the perpetrator can see them. The counts are in <Link className="govuk-link" to="/monitoring">monitoring</Link>; <Link className="govuk-link" to="/da/consultations">consultations with the DA coordinator</Link> are recorded separately.
      </p>
      {canWrite ? <RecordReferral onSaved={setSaved} /> : null}
      <h2 className="govuk-heading-m govuk-!-margin-top-6">Referrals</h2>
      {q.isPending ? (
        <Loading what="Loading MARAC referrals" />
      ) : q.isError ? (
        <QueryError error={q.error} what="MARAC referrals" />
      ) : q.data.items.length === 0 ? (
        <p className="govuk-body" data-testid="marac-empty">
          No MARAC referrals that you can see have been recorded.
        </p>
      ) : (
        <>
          <Table
            caption={`The latest ${q.data.items.length} referrals you can see`}
            captionSize="s"
            rows={q.data.items}
            rowKey={(r) => r.id}
            columns={[
              { header: "Referred", cell: (r) => formatDay(r.referredOn) },
              { header: "Victim", cell: (r) => (r.familyId ? <Link className="govuk-link" to={`/families/${r.familyId}`}>{victimName(r)}</Link> : victimName(r)) },
              { header: "Referred by", cell: (r) => REFERRING_AGENCY_LABEL[r.referringAgency as keyof typeof REFERRING_AGENCY_LABEL] ?? r.referringAgency },
              { header: "DASH", cell: (r) => (r.dashScore ?? "–"), numeric: true },
              { header: "Criteria", cell: (r) => labelsOf(CRITERION_LABEL, r.criteria) },
              { header: "Repeat", cell: (r) => (r.repeat ? <Tag colour="orange">Repeat</Tag> : "–") },
              { header: "Outcome", cell: (r) => (r.outcome ? `${MARAC_OUTCOME_LABEL[r.outcome]}${r.conferenceDate ? `, ${formatDay(r.conferenceDate)}` : ""}` : <Tag colour="grey">Awaiting conference</Tag>) },
            ]}
          />
          {canWrite
            ? q.data.items
                .filter((r) => !r.outcome)
                .map((r) => (
                  <Details key={`${r.id}:${r.version}`} summary={`Record the outcome of the referral of ${formatDay(r.referredOn)} (${victimName(r)})`}>
                    <RecordOutcome r={r} onSaved={setSaved} />
                  </Details>
                ))
            : null}
        </>
      )}
    </Page>
  );
}
