/**
 * Consent to share, per person, purpose and recipient agency: record a
 * decision (given or refused, with its date and an optional expiry), and
 * record a withdrawal. Records are never rewritten: a new decision is a new
 * record and the latest counts ("in force now" comes from the core).
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { AGENCIES, CONSENT_PURPOSES } from "@evident/core";
import { DateInput, Details, NotificationBanner, Radios, requiredChoice, Select, summaryErrors, Table, Tag, Textarea } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { AGENCY_LABEL } from "../../lib/agencies.js";
import { useAuth } from "../../lib/auth.js";
import { FAMILY_ROLE_LABEL, formatDay } from "../../lib/format.js";
import { notFuture, optionalDate, RecordFormFrame, requiredDate, saveProblem, useRecordForm } from "../../lib/record-form.js";
import type { FamilyDetail, FamilyPerson } from "../../lib/shapes.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type Consent = RouterOutputs["consent"]["list"]["items"][number];

export const CONSENT_PURPOSE_LABEL: Record<string, string> = {
  hub_multi_agency: "Hub multi-agency work",
  programme_referral: "Referral to a programme",
  onward_referral: "Onward referral",
  evaluation: "Evaluation",
};

export const personName = (p: FamilyPerson | undefined) => (!p ? "Person" : p.restricted ? "Restricted person" : `${p.firstName} ${p.lastName}`);

const ZForm = z
  .object({
    personId: z.string().min(1, "Select the person"),
    purpose: z.string().min(1, "Select what the information would be shared for"),
    recipientAgency: z.string().min(1, "Select who it would be shared with"),
    status: requiredChoice("Select whether consent was given or refused"),
    decidedAt: requiredDate("the date of the decision").refine(notFuture, { message: "The decision cannot be dated in the future" }),
    expiresAt: optionalDate("The expiry date"),
    notes: z.string().max(2000, "Notes must be 2,000 characters or fewer"),
  })
  .refine((v) => !v.expiresAt || !v.decidedAt || v.expiresAt >= v.decidedAt, { message: "Consent cannot expire before it was decided", path: ["expiresAt"] });
type TForm = z.infer<typeof ZForm>;
const IDS = { personId: "c-person", purpose: "c-purpose", recipientAgency: "c-agency", status: "c-status", decidedAt: "c-decided", expiresAt: "c-expires", notes: "c-notes" };

function RecordConsent({ family, onSaved }: { family: FamilyDetail; onSaved: (t: string) => void }) {
  const queryClient = useQueryClient();
  const empty: TForm = { personId: "", purpose: "", recipientAgency: "", status: "", decidedAt: "", expiresAt: "", notes: "" };
  const rf = useRecordForm<TForm>({ key: `consent:new:${family.id}`, schema: ZForm, empty, ids: IDS });
  const { register, control, handleSubmit } = rf.form;
  const errors = rf.errors;
  const create = useMutation(api.consent.create.mutationOptions());
  const onSubmit = handleSubmit(async (v) => {
    rf.setProblem(null);
    try {
      await create.mutateAsync({
        personId: v.personId,
        purpose: v.purpose as (typeof CONSENT_PURPOSES)[number],
        recipientAgency: v.recipientAgency as (typeof AGENCIES)[number],
        status: v.status as "given" | "refused",
        decidedAt: v.decidedAt,
        ...(v.expiresAt ? { expiresAt: v.expiresAt } : {}),
        ...(v.notes.trim() ? { notes: v.notes.trim() } : {}),
      });
      rf.saved();
      await queryClient.invalidateQueries({ queryKey: api.consent.pathKey() });
      onSaved(`Consent ${v.status === "given" ? "given" : "refused"} recorded for ${personName(family.people.find((p) => p.id === v.personId))}`);
    } catch (error) {
      rf.failed(error, v);
    }
  });
  return (
    <RecordFormFrame label="Record a consent decision" onSubmit={onSubmit} {...rf.frame} submit="Record decision">
      <Select
        id="c-person"
        label="Person"
        error={errors.personId?.message}
        options={[{ value: "", label: "Select a person" }, ...family.people.map((p) => ({ value: p.id, label: `${personName(p)} (${FAMILY_ROLE_LABEL[p.familyRole] ?? p.familyRole})` }))]}
        {...register("personId")}
      />
      <Select id="c-purpose" label="Shared for" error={errors.purpose?.message} options={[{ value: "", label: "Select a purpose" }, ...CONSENT_PURPOSES.map((p) => ({ value: p, label: CONSENT_PURPOSE_LABEL[p] ?? p }))]} {...register("purpose")} />
      <Select id="c-agency" label="Shared with" error={errors.recipientAgency?.message} options={[{ value: "", label: "Select an agency" }, ...AGENCIES.map((a) => ({ value: a, label: AGENCY_LABEL[a] }))]} {...register("recipientAgency")} />
      <Radios
        id="c-status"
        legend="Decision"
        inline
        error={errors.status?.message}
        items={[
          { value: "given", label: "Consent given" },
          { value: "refused", label: "Consent refused" },
        ]}
        inputProps={register("status")}
      />
      <Controller control={control} name="decidedAt" render={({ field }) => <DateInput id="c-decided" legend="Date of the decision" error={errors.decidedAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Controller control={control} name="expiresAt" render={({ field }) => <DateInput id="c-expires" legend="Expires (optional)" hint="Leave blank if it does not expire" error={errors.expiresAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Textarea id="c-notes" label="Notes (optional)" hint="For example, how consent was obtained" rows={3} error={errors.notes?.message} {...register("notes")} />
    </RecordFormFrame>
  );
}

const ZWithdraw = z.object({ withdrawnAt: requiredDate("the date consent was withdrawn").refine(notFuture, { message: "The withdrawal cannot be dated in the future" }) });

function Withdraw({ c, who, onSaved }: { c: Consent; who: string; onSaved: (t: string) => void }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const withdraw = useMutation(api.consent.withdraw.mutationOptions());
  const id = `w-${c.id}`;
  const form = useForm<{ withdrawnAt: string }>({ shouldFocusError: false, resolver: zodResolver(ZWithdraw), defaultValues: { withdrawnAt: "" } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    setProblem(null);
    try {
      await withdraw.mutateAsync({ id: c.id, version: c.version as number, withdrawnAt: v.withdrawnAt });
      await queryClient.invalidateQueries({ queryKey: api.consent.pathKey() });
      onSaved(`Consent withdrawn for ${who}`);
    } catch (error) {
      const info = errorInfo(error);
      if (info.code === "CONFLICT") {
        setProblem("Someone else changed this consent record while you were looking at it. The table has been refreshed; check it before withdrawing.");
        await queryClient.invalidateQueries({ queryKey: api.consent.pathKey() });
      } else if (info.code === "BAD_REQUEST" && !info.fieldErrors.length) form.setError("withdrawnAt", { type: "server", message: info.message });
      else setProblem(saveProblem(error));
    }
  });
  return (
    <RecordFormFrame label={`Withdraw consent for ${who}`} onSubmit={onSubmit} summary={summaryErrors(errors, { withdrawnAt: id })} problem={problem} submitting={form.formState.isSubmitting} submit="Record withdrawal" submitVariant="warning">
      <Controller control={form.control} name="withdrawnAt" render={({ field }) => <DateInput id={id} legend="Date withdrawn" legendSize="s" error={errors.withdrawnAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
    </RecordFormFrame>
  );
}

export default function ConsentPage() {
  const { id = "" } = useParams();
  const auth = useAuth();
  const [saved, setSaved] = useState<string | null>(null);
  const family = useQuery(api.families.get.queryOptions({ id }));
  const consent = useQuery({ ...api.consent.list.queryOptions({ familyId: id, limit: 100 }), enabled: family.isSuccess });
  if (family.isPending) return <Loading what="Loading the family" />;
  if (family.isError) return <QueryError error={family.error} what="This family" />;
  const f = family.data as FamilyDetail;
  const who = (personId: string) => personName(f.people.find((p) => p.id === personId));
  const rows = consent.data?.items ?? [];
  return (
    <Page title="Consent to share" caption={`${f.name} (${f.reference})`}>
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/families/${f.id}`}>
          Back to the family
        </Link>
        {auth.can("override:write") ? (
          <>
            {" · "}
            <Link className="govuk-link" to={`/families/${f.id}/overrides`}>
              Safeguarding overrides
            </Link>
          </>
        ) : null}
      </p>
      <p className="govuk-body">Information is shared with another agency only with consent in force for that purpose and agency, unless a manager records a safeguarding reason.</p>
      {consent.isPending ? (
        <Loading what="Loading consent" />
      ) : consent.isError ? (
        <QueryError error={consent.error} what="Consent to share" />
      ) : rows.length === 0 ? (
        <p className="govuk-body">No consent decisions are recorded for this family.</p>
      ) : (
        <Table
          caption="Consent decisions, per person, purpose and agency"
          captionSize="s"
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { header: "Person", cell: (r) => who(r.personId) },
            { header: "Purpose", cell: (r) => CONSENT_PURPOSE_LABEL[String(r.purpose)] ?? String(r.purpose) },
            { header: "Shared with", cell: (r) => AGENCY_LABEL[r.recipientAgency as keyof typeof AGENCY_LABEL] ?? String(r.recipientAgency) },
            { header: "Decision", cell: (r) => <Tag colour={r.status === "given" ? "green" : r.status === "refused" ? "red" : "grey"}>{String(r.status)}</Tag> },
            { header: "Decided", cell: (r) => formatDay(r.decidedAt) },
            { header: "Expires", cell: (r) => (r.expiresAt ? formatDay(r.expiresAt) : "No expiry") },
            { header: "In force now", cell: (r) => (r.inForce ? "Yes" : `No (${String(r.state).replace(/_/g, " ")})`) },
          ]}
        />
      )}
      {auth.can("consent:write") ? (
        <>
          {rows
            .filter((r) => r.status === "given" && r.inForce)
            .map((r) => (
              <Details key={`${r.id}:${r.version as number}`} summary={`Withdraw consent: ${who(r.personId)}, ${CONSENT_PURPOSE_LABEL[String(r.purpose)] ?? String(r.purpose)}, ${AGENCY_LABEL[r.recipientAgency as keyof typeof AGENCY_LABEL] ?? String(r.recipientAgency)}`}>
                <Withdraw c={r} who={who(r.personId)} onSaved={setSaved} />
              </Details>
            ))}
          <h2 className="govuk-heading-m govuk-!-margin-top-6">Record a decision</h2>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <RecordConsent family={f} onSaved={setSaved} />
            </div>
          </div>
        </>
      ) : null}
    </Page>
  );
}
