/**
 * Consultations with the domestic abuse coordinator: record one (date, the
 * worker consulted, the family if it was about one, topics and outcomes, as
 * codes) and list the latest. Counted by the monitoring measure
 * "Consultations with the domestic abuse coordinator".
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { DA_CONSULTATION_OUTCOMES, DA_CONSULTATION_TOPICS } from "@evident/core";
import { Button, Checkboxes, DateInput, ErrorSummary, NotificationBanner, Select, summaryErrors, Table, useFormDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Link, useSearchParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDay } from "../../lib/format.js";
import { DraftBanner, explainFailedSave, notFuture, requiredDate } from "../../lib/record-form.js";
import { api } from "../../lib/trpc.js";
import { labelsOf, OUTCOME_LABEL, TOPIC_LABEL } from "./labels.js";

const ZForm = z
  .object({
    date: requiredDate("the date of the consultation").refine(notFuture, { message: "The date cannot be in the future" }),
    consultedStaffId: z.string().min(1, "Choose the worker who consulted the coordinator"),
    familyId: z.string(),
    topics: z.array(z.enum(DA_CONSULTATION_TOPICS)).min(1, "Choose at least one topic"),
    outcomes: z.array(z.enum(DA_CONSULTATION_OUTCOMES)).min(1, "Choose at least one outcome"),
  })
  .strict();
type TForm = z.infer<typeof ZForm>;

const ids = { date: "c-date", consultedStaffId: "c-consulted", familyId: "c-family", topics: "c-topics", outcomes: "c-outcomes" };
const DRAFT = "da-consultation:new";

function RecordConsultation({ onSaved }: { onSaved: (text: string) => void }) {
  const auth = useAuth();
  const [params] = useSearchParams();
  const qc = useQueryClient();
  const staff = useQuery(api.daConsultations.staff.queryOptions());
  const families = useQuery({ ...api.families.list.queryOptions({ open: true, limit: 100 }), enabled: auth.can("families:read") });
  const create = useMutation(api.daConsultations.create.mutationOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<TForm>({
    shouldFocusError: false,
    resolver: zodResolver(ZForm),
    defaultValues: { date: "", consultedStaffId: "", familyId: params.get("family") ?? "", topics: [], outcomes: [] },
  });
  const draft = useFormDraft(form, DRAFT);
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    setProblem(null);
    try {
      await create.mutateAsync({ date: v.date, consultedStaffId: v.consultedStaffId, ...(v.familyId ? { familyId: v.familyId } : {}), topics: v.topics, outcomes: v.outcomes });
      draft.saved();
      form.reset({ date: "", consultedStaffId: "", familyId: "", topics: [], outcomes: [] });
      await qc.invalidateQueries({ queryKey: api.daConsultations.pathKey() });
      onSaved("Consultation recorded");
    } catch (error) {
      draft.keepNow(v);
      explainFailedSave(error, { setError: form.setError, fields: Object.keys(ids), setProblem });
    }
  });
  if (staff.isPending) return <Loading what="Loading staff" />;
  if (staff.isError) return <QueryError error={staff.error} what="The staff list" />;
  const familyOptions = [{ value: "", label: "Not about one family" }, ...(families.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.name} (${f.reference})` }))];
  const wanted = params.get("family");
  if (wanted && !familyOptions.some((o) => o.value === wanted)) familyOptions.push({ value: wanted, label: "The family you came from" });
  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="record-consultation">
      <h2 className="govuk-heading-m" id="record-consultation">
        Record a consultation
      </h2>
      <DraftBanner offer={draft.offer} />
      <ErrorSummary errors={summaryErrors(errors, ids)} description={problem ?? undefined} />
      <Controller control={form.control} name="date" render={({ field }) => <DateInput id={ids.date} legend="Date of the consultation" legendSize="s" error={errors.date?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Select
        id={ids.consultedStaffId}
        label="Worker who consulted the coordinator"
        error={errors.consultedStaffId?.message}
        options={[{ value: "", label: "Choose a worker" }, ...staff.data.items.filter((s) => s.id !== staff.data.mine).map((s) => ({ value: s.id, label: `${s.name}, ${s.jobTitle}` }))]}
        {...form.register("consultedStaffId")}
      />
      <Select id={ids.familyId} label="Family (optional)" hint="Only families on your caseload or your team's are listed" error={errors.familyId?.message} options={familyOptions} {...form.register("familyId")} />
      <Checkboxes id={ids.topics} legend="What was it about?" legendSize="s" small error={errors.topics?.message} items={DA_CONSULTATION_TOPICS.map((t) => ({ value: t, label: TOPIC_LABEL[t] }))} inputProps={form.register("topics")} />
      <Checkboxes id={ids.outcomes} legend="What came of it?" legendSize="s" small error={errors.outcomes?.message} items={DA_CONSULTATION_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABEL[o] }))} inputProps={form.register("outcomes")} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Record consultation
      </Button>
    </form>
  );
}

export default function ConsultationsPage() {
  const auth = useAuth();
  const [saved, setSaved] = useState<string | null>(null);
  const [params] = useSearchParams();
  const familyId = params.get("family") ?? undefined;
  const q = useQuery(api.daConsultations.list.queryOptions({ limit: 100, ...(familyId ? { familyId } : {}) }));
  return (
    <Page title="Consultations with the DA coordinator" caption="Domestic abuse work">
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      <p className="govuk-body">
        Workers consult the domestic abuse coordinator about risk, safety planning and where to refer. Each consultation counts in the logic models&apos; outputs for the system (see{" "}
        <Link className="govuk-link" to="/monitoring">
          monitoring
        </Link>
        ). Record it as codes: no case notes here. <Link className="govuk-link" to="/da/marac">MARAC referrals</Link> are recorded separately.
      </p>
      {auth.can("daConsultations:write") ? <RecordConsultation onSaved={setSaved} /> : null}
      <h2 className="govuk-heading-m govuk-!-margin-top-6">{familyId ? "Consultations about this family" : "Latest consultations"}</h2>
      {familyId ? (
        <p className="govuk-body">
          <Link className="govuk-link" to="/da/consultations">
            All consultations
          </Link>
        </p>
      ) : null}
      {q.isPending ? (
        <Loading what="Loading consultations" />
      ) : q.isError ? (
        <QueryError error={q.error} what="Consultations" />
      ) : q.data.items.length === 0 ? (
        <p className="govuk-body" data-testid="consultations-empty">
          {familyId ? "No consultations about this family have been recorded yet." : "No consultations have been recorded yet."}
        </p>
      ) : (
        <Table
          caption={`The latest ${q.data.items.length} consultations you can see`}
          captionSize="s"
          rows={q.data.items}
          rowKey={(c) => c.id}
          columns={[
            { header: "Date", cell: (c) => formatDay(c.date) },
            { header: "Worker", cell: (c) => c.consulted.name },
            { header: "Family", cell: (c) => (c.family && c.familyId ? <Link className="govuk-link" to={`/families/${c.familyId}`}>{c.family.name}</Link> : "–") },
            { header: "Topics", cell: (c) => labelsOf(TOPIC_LABEL, c.topics) },
            { header: "Outcomes", cell: (c) => labelsOf(OUTCOME_LABEL, c.outcomes) },
          ]}
        />
      )}
    </Page>
  );
}
