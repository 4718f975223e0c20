/**
 * Referral into a group with its safety checks. For the victims' track: the
 * perpetrator must not have been present when the victim was referred, and
 * the victim must have a way to travel that does not rely on the partner.
 * The API refuses anyone on the other track (victims and perpetrators never
 * share a group).
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { ZDate } from "@evident/core";
import { Button, DateInput, ErrorSummary, Input, NotificationBanner, Radios, requiredChoice, Select } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { applyFieldErrors, DraftOfferBanner, summaryErrors, useFormDraft } from "@evident/ui";
import { useFamilySearch } from "../../components/family-search.js";
import { FAMILY_ROLE_LABEL } from "../../lib/format.js";
import { api, errorInfo } from "../../lib/trpc.js";
import type { FamilyDetail, GroupDetail } from "../../lib/shapes.js";

type Group = GroupDetail;

const yes = (msg: string) => z.string({ error: msg }).refine((v) => v === "yes", { message: msg });

function schemaFor(track: string) {
  const base = z.object({
    familyId: z.string().min(1, "Select the family"),
    personId: z.string().min(1, "Select the person to refer"),
    referredAt: z.string().refine((v) => v === "" || ZDate.safeParse(v).success, { message: "Date of referral must be a real date" }),
    referralSource: z.string().trim().max(120, "Who referred them must be 120 characters or fewer"),
  });
  if (track === "victims") {
    return base.extend({
      perpetratorAbsent: yes("You can only refer a victim when the perpetrator was not present. Speak to them alone first"),
      travel: z.string().trim().min(3, "Say how they will get to the group without relying on their partner").max(200),
      safeToContact: requiredChoice("Say whether it is safe to contact them about the group"),
    });
  }
  return base.extend({
    partnerSupport: yes("A perpetrator can only be referred when the partner has been offered support separately"),
    riskAssessed: yes("A current risk assessment is needed before referral"),
  });
}

type TRefer = {
  familyId: string;
  personId: string;
  referredAt: string;
  referralSource: string;
  perpetratorAbsent?: string;
  travel?: string;
  safeToContact?: string;
  partnerSupport?: string;
  riskAssessed?: string;
};

const IDS = {
  familyId: "refer-family",
  personId: "refer-person",
  perpetratorAbsent: "perpetratorAbsent",
  travel: "travel",
  safeToContact: "safeToContact",
  partnerSupport: "partnerSupport",
  riskAssessed: "riskAssessed",
  referredAt: "referredAt",
  referralSource: "referralSource",
};

export function ReferIntoGroup({ group, initial }: { group: Pick<Group, "id" | "name" | "track">; initial?: { familyId: string; personId: string } }) {
  const queryClient = useQueryClient();
  const draftKey = `refer:${group.id}`;
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<TRefer>({
    shouldFocusError: false, resolver: zodResolver(schemaFor(group.track)) as never,
    defaultValues: { familyId: initial?.familyId ?? "", personId: initial?.personId ?? "", referredAt: "", referralSource: "" },
  });
  const draft = useFormDraft(form, draftKey);
  const { register, handleSubmit, formState, watch, control } = form;
  const errors = formState.errors;
  const familyId = watch("familyId");
  const { families, options: familyOptions, searchBox } = useFamilySearch({ open: true });
  const family = useQuery({ ...api.families.get.queryOptions({ id: familyId }), enabled: !!familyId });
  const wanted = group.track === "victims" ? ["victim", "parent_carer"] : ["perpetrator", "parent_carer"];
  const people = ((family.data as FamilyDetail | undefined)?.people ?? []).filter((p) => p.kind !== "child" && wanted.includes(p.familyRole));
  const create = useMutation(api.programmes.enrolments.create.mutationOptions());

  const onSubmit = handleSubmit(async (v) => {
    setProblem(null);
    setDone(null);
    try {
      // The checks are stored with the referral (the API refuses a referral without them).
      const safetyChecks =
        group.track === "victims"
          ? { track: "victims" as const, perpetratorAbsent: v.perpetratorAbsent === "yes", travel: (v.travel ?? "").trim(), safeToContact: v.safeToContact === "yes" }
          : { track: "perpetrators" as const, partnerOfferedSupport: v.partnerSupport === "yes", riskAssessed: v.riskAssessed === "yes" };
      await create.mutateAsync({ groupId: group.id, personId: v.personId, safetyChecks, ...(v.referredAt ? { referredAt: v.referredAt } : {}), ...(v.referralSource ? { referralSource: v.referralSource } : {}) });
      draft.saved();
      const person = people.find((p) => p.id === v.personId);
      setDone(`${person ? `${person.firstName} ${person.lastName}` : "The person"} has been referred into ${group.name}`);
      form.reset({ familyId: initial?.familyId ?? "", personId: initial?.personId ?? "", referredAt: "", referralSource: "" });
      await queryClient.invalidateQueries({ queryKey: api.programmes.pathKey() });
    } catch (error) {
      draft.keepNow(v);
      const info = errorInfo(error);
      if (info.fieldErrors.length) {
        // The API's safety-check refusals name the field under safetyChecks: show them at the field.
        const rest = applyFieldErrors(info.fieldErrors.map((f) => ({ ...f, path: f.path === "safetyChecks.partnerOfferedSupport" ? "partnerSupport" : f.path })), form.setError, Object.keys(IDS));
        if (rest.length) setProblem(rest.join("; "));
        return;
      }
      setProblem(info.code === "CONFLICT" ? "This person is already referred into this group." : info.code === "INTERNAL_SERVER_ERROR" ? `The referral could not be saved. Reference ${info.requestId ?? "unknown"}.` : info.message);
    }
  });

  const referred = initial ? people.find((p) => p.id === initial.personId) : undefined;
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Refer into this group">
      {done ? <NotificationBanner type="success" heading={done} /> : null}
      <ErrorSummary errors={summaryErrors(errors, IDS)} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      {initial ? (
        <>
          {/* Referred from the family's record: the family and person are fixed. */}
          <input type="hidden" {...register("familyId")} />
          <input type="hidden" {...register("personId")} />
          <p className="govuk-body" data-testid="refer-who">
            Referring <strong>{referred ? `${referred.firstName} ${referred.lastName}` : "this person"}</strong> into {group.name}.
          </p>
        </>
      ) : (
        <>
          {searchBox("refer-family-search")}
          <Select
            id="refer-family"
            label="Family"
            error={errors.familyId?.message}
            options={[{ value: "", label: families.isPending ? "Loading…" : familyOptions.length ? "Select a family" : "No open families match" }, ...familyOptions]}
            {...register("familyId")}
          />
          <Select
            id="refer-person"
            label="Person to refer"
            hint={group.track === "victims" ? "Victims and parents or carers in the family" : "Perpetrators and parents or carers in the family"}
            error={errors.personId?.message}
            disabled={!familyId}
            options={[{ value: "", label: !familyId ? "Select a family first" : family.isPending ? "Loading…" : people.length ? "Select a person" : "Nobody in this family can join this track" }, ...people.map((p) => ({ value: p.id, label: `${p.firstName} ${p.lastName} – ${FAMILY_ROLE_LABEL[p.familyRole] ?? p.familyRole}` }))]}
            {...register("personId")}
          />
        </>
      )}
      <h3 className="govuk-heading-s">Safety checks</h3>
      {group.track === "victims" ? (
        <>
          <Radios id="perpetratorAbsent" legend="Was the perpetrator absent when the referral was discussed?" error={errors.perpetratorAbsent?.message} inline items={[{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]} inputProps={register("perpetratorAbsent")} />
          <Input id="travel" label="How will they travel to the group without relying on their partner?" error={errors.travel?.message} {...register("travel")} />
          <Radios id="safeToContact" legend="Is it safe to contact them about the group?" error={errors.safeToContact?.message} inline items={[{ value: "yes", label: "Yes" }, { value: "no", label: "No, only in person" }]} inputProps={register("safeToContact")} />
        </>
      ) : (
        <>
          <Radios id="partnerSupport" legend="Has the partner been offered support separately?" error={errors.partnerSupport?.message} inline items={[{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]} inputProps={register("partnerSupport")} />
          <Radios id="riskAssessed" legend="Is there a current risk assessment for the household?" error={errors.riskAssessed?.message} inline items={[{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]} inputProps={register("riskAssessed")} />
        </>
      )}
      <Controller control={control} name="referredAt" render={({ field }) => <DateInput id="referredAt" legend="Date of referral" hint="Leave blank for today" error={errors.referredAt?.message} value={field.value} onChange={field.onChange} />} />
      <Input id="referralSource" label="Who referred them (optional)" error={errors.referralSource?.message} {...register("referralSource")} />
      <Button type="submit" disabled={formState.isSubmitting}>
        Refer into group
      </Button>
    </form>
  );
}
