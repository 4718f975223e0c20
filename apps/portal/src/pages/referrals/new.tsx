/**
 * Record a referral for a child in the family (CIN census codes: referral
 * source, primary need). Validation at each field with the core's schema; a
 * failed save keeps the typing on this device.
 */
import { DateInput, Radios, requiredChoice, Select } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Controller } from "react-hook-form";
import { useNavigate, useParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { childOptions, notFuture, RecordFormFrame, requiredDate, useRecordForm } from "../../lib/record-form.js";
import type { FamilyDetail } from "../../lib/shapes.js";
import { api } from "../../lib/trpc.js";

/** CIN census referral sources (display labels for the codes). */
export const REFERRAL_SOURCES: { value: string; label: string }[] = [
  ["1A", "Individual"],
  ["1B", "Individual: family member, relative or carer"],
  ["1C", "Individual: acquaintance"],
  ["1D", "Individual: self"],
  ["2A", "Schools"],
  ["2B", "Education services"],
  ["3A", "Health: GP"],
  ["3B", "Health: health visitor"],
  ["3C", "Health: school nurse"],
  ["3D", "Health: other primary health services"],
  ["3E", "Health: A&E"],
  ["3F", "Health: other"],
  ["4", "Housing"],
  ["5A", "Local authority: social care"],
  ["5B", "Local authority: other internal department"],
  ["5C", "Local authority: external"],
  ["5D", "Early help"],
  ["6", "Police"],
  ["7", "Other legal agency"],
  ["8", "Other"],
  ["9", "Anonymous"],
  ["10", "Unknown"],
].map(([value, label]) => ({ value: value!, label: `${label} (${value})` }));

export const PRIMARY_NEEDS: { value: string; label: string }[] = [
  ["N1", "Abuse or neglect"],
  ["N2", "Child's disability or illness"],
  ["N3", "Parental illness or disability"],
  ["N4", "Family in acute stress"],
  ["N5", "Family dysfunction"],
  ["N6", "Socially unacceptable behaviour"],
  ["N7", "Low income"],
  ["N8", "Absent parenting"],
  ["N9", "Cases other than children in need"],
].map(([value, label]) => ({ value: value!, label: `${label} (${value})` }));

const ZForm = z.object({
  childId: z.string().min(1, "Select the child"),
  date: requiredDate("the date of the referral").refine(notFuture, { message: "The referral date cannot be in the future" }),
  source: z.string().min(1, "Select who made the referral"),
  primaryNeed: z.string(),
  domesticAbuse: requiredChoice("Say whether domestic abuse is a factor"),
});
type TForm = z.infer<typeof ZForm>;
const IDS = { childId: "ref-child", date: "ref-date", source: "ref-source", primaryNeed: "ref-need", domesticAbuse: "ref-da" };

export default function NewReferralPage() {
  const { id = "" } = useParams();
  const family = useQuery(api.families.get.queryOptions({ id }));
  if (family.isPending) return <Loading what="Loading the family" />;
  if (family.isError) return <QueryError error={family.error} what="This family" />;
  return <ReferralForm family={family.data as FamilyDetail} />;
}

function ReferralForm({ family }: { family: FamilyDetail }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const empty: TForm = { childId: "", date: "", source: "", primaryNeed: "", domesticAbuse: "" };
  const rf = useRecordForm<TForm>({ key: `referral:new:${family.id}`, schema: ZForm, empty, ids: IDS });
  const { register, handleSubmit, control } = rf.form;
  const errors = rf.errors;
  const create = useMutation(api.referrals.create.mutationOptions());
  const children = childOptions(family);
  const onSubmit = handleSubmit(async (v) => {
    rf.setProblem(null);
    try {
      await create.mutateAsync({ familyId: family.id, childId: v.childId, date: v.date, source: v.source, domesticAbuse: v.domesticAbuse === "yes", ...(v.primaryNeed ? { primaryNeed: v.primaryNeed } : {}) });
      rf.dropDraft();
      await queryClient.invalidateQueries({ queryKey: api.referrals.pathKey() });
      navigate(`/families/${family.id}`, { state: { saved: "Referral recorded" } });
    } catch (error) {
      rf.failed(error, v);
    }
  });
  return (
    <RecordFormFrame
      label="Record a referral"
      onSubmit={onSubmit}
      {...rf.frame}
      submit="Record referral"
      cancelTo={`/families/${family.id}`}
      page={{
        title: "Record a referral",
        caption: `${family.name} (${family.reference})`,
        unavailable: children.length === 0 ? <p className="govuk-body">No children are recorded in this family, so no referral can be recorded yet.</p> : undefined,
      }}
    >
      <Select id="ref-child" label="Child" error={errors.childId?.message} options={[{ value: "", label: "Select a child" }, ...children]} {...register("childId")} />
      <Controller control={control} name="date" render={({ field }) => <DateInput id="ref-date" legend="Date of the referral" error={errors.date?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Select id="ref-source" label="Who made the referral" error={errors.source?.message} options={[{ value: "", label: "Select the source" }, ...REFERRAL_SOURCES]} {...register("source")} />
      <Select id="ref-need" label="Primary need (optional)" hint="Leave blank until it is known" error={errors.primaryNeed?.message} options={[{ value: "", label: "Not known yet" }, ...PRIMARY_NEEDS]} {...register("primaryNeed")} />
      <Radios id="ref-da" legend="Is domestic abuse a factor?" inline error={errors.domesticAbuse?.message} items={[{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]} inputProps={register("domesticAbuse")} />
    </RecordFormFrame>
  );
}
