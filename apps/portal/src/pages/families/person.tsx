/**
 * Add a person to a family: a child or an adult, their role in the family
 * (child, parent or carer, victim, perpetrator, other), name, reference and
 * date of birth. Validation at each field; a failed save keeps the typing.
 */
import { personCreateProblem, type TRole } from "@evident/core";
import { DateInput, Input, Radios, requiredChoice, Select } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Controller } from "react-hook-form";
import { useNavigate, useParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { useAuth } from "../../lib/auth.js";
import { FAMILY_ROLE_LABEL } from "../../lib/format.js";
import { notFuture, optionalDate, RecordFormFrame, useRecordForm } from "../../lib/record-form.js";
import type { FamilyDetail } from "../../lib/shapes.js";
import { api } from "../../lib/trpc.js";

const schemaFor = (role: TRole | undefined) =>
  z
  .object({
    kind: requiredChoice("Select whether this is a child or an adult"),
    familyRole: z.string().min(1, "Select their role in the family"),
    firstName: z.string().trim().min(1, "Enter their first name").max(80, "First name must be 80 characters or fewer"),
    lastName: z.string().trim().min(1, "Enter their last name").max(80, "Last name must be 80 characters or fewer"),
    // Optional: left blank, the system gives the next one (P0001234).
    reference: z.string().trim().refine((v) => v === "" || /^[A-Za-z0-9-]{1,20}$/.test(v), "Person reference must be up to 20 letters, numbers or hyphens"),
    birthDate: optionalDate("Date of birth").refine(notFuture, { message: "Date of birth cannot be in the future" }),
  })
  .refine((v) => !(v.kind === "child") || v.familyRole === "child" || v.familyRole === "other", { message: "A child's role is Child (or Other)", path: ["familyRole"] })
  .refine((v) => !(v.kind === "adult") || v.familyRole !== "child", { message: "An adult cannot have the role Child", path: ["familyRole"] })
  // Who may add whom (the core's rule, also applied by the API): e.g. a DA worker adds adult victims and perpetrators.
  .refine((v) => !role || !v.kind || !v.familyRole || personCreateProblem(role, { kind: v.kind as "child" | "adult", familyRole: v.familyRole }) === null, {
    message: role ? (personCreateProblem(role, { kind: "child", familyRole: "child" }) ?? "") : "",
    path: ["familyRole"],
  });
type TForm = z.infer<ReturnType<typeof schemaFor>>;
const IDS = { kind: "p-kind", familyRole: "p-role", firstName: "p-first", lastName: "p-last", reference: "p-ref", birthDate: "p-birth" };

export default function AddPersonPage() {
  const { id = "" } = useParams();
  const family = useQuery(api.families.get.queryOptions({ id }));
  if (family.isPending) return <Loading what="Loading the family" />;
  if (family.isError) return <QueryError error={family.error} what="This family" />;
  return <PersonForm family={family.data as FamilyDetail} />;
}

function PersonForm({ family }: { family: FamilyDetail }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const empty: TForm = { kind: "", familyRole: "", firstName: "", lastName: "", reference: "", birthDate: "" };
  const role = useAuth().me?.role as TRole | undefined;
  const rf = useRecordForm<TForm>({ key: `person:new:${family.id}`, schema: schemaFor(role), empty, ids: IDS });
  const { register, handleSubmit, control, setError } = rf.form;
  const errors = rf.errors;
  const create = useMutation(api.people.create.mutationOptions());
  const onSubmit = handleSubmit(async (v) => {
    rf.setProblem(null);
    try {
      await create.mutateAsync({
        familyId: family.id,
        kind: v.kind as "child" | "adult",
        familyRole: v.familyRole as "child" | "parent_carer" | "victim" | "perpetrator" | "other",
        firstName: v.firstName,
        lastName: v.lastName,
        reference: v.reference || null,
        ...(v.birthDate ? { birthDate: v.birthDate } : {}),
      });
      rf.dropDraft();
      await queryClient.invalidateQueries({ queryKey: api.families.pathKey() });
      navigate(`/families/${family.id}`, { state: { saved: `${v.firstName} ${v.lastName} added to the family` } });
    } catch (error) {
      rf.failed(error, v, {
        otherwise: (info) => {
          if (info.code !== "CONFLICT") return false;
          setError("reference", { type: "server", message: "A person with this reference already exists" });
          return true;
        },
      });
    }
  });
  return (
    <RecordFormFrame label="Add a person" onSubmit={onSubmit} {...rf.frame} submit="Add person" cancelTo={`/families/${family.id}`} page={{ title: "Add a person", caption: `${family.name} (${family.reference})` }}>
      <Radios
        id="p-kind"
        legend="Child or adult?"
        inline
        error={errors.kind?.message}
        items={[
          { value: "child", label: "Child" },
          { value: "adult", label: "Adult" },
        ]}
        inputProps={register("kind")}
      />
      <Select id="p-role" label="Role in the family" error={errors.familyRole?.message} options={[{ value: "", label: "Select a role" }, ...Object.entries(FAMILY_ROLE_LABEL).map(([value, label]) => ({ value, label }))]} {...register("familyRole")} />
      <Input id="p-first" label="First name" autoComplete="off" error={errors.firstName?.message} {...register("firstName")} />
      <Input id="p-last" label="Last name" autoComplete="off" error={errors.lastName?.message} {...register("lastName")} />
      <Input id="p-ref" label="Person reference (optional)" hint="Leave blank and the system gives the next reference (like P0001234); for a child you may enter the CIN census LA child ID" width={10} error={errors.reference?.message} {...register("reference")} />
      <Controller control={control} name="birthDate" render={({ field }) => <DateInput id="p-birth" legend="Date of birth (optional)" error={errors.birthDate?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
    </RecordFormFrame>
  );
}
