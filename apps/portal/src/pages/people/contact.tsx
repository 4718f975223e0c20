/**
 * Record or change a person's contact details and safe-contact preferences.
 * Behind the information barrier: staff barred from the person (working with
 * a perpetrator linked to them) cannot open or change them, with or without a
 * safeguarding override. When an address on a perpetrator's record repeats a
 * protected address of someone linked to him, the person entering it is told
 * that it will be withheld from staff working with him.
 */
import { CONTACT_CHANNELS } from "@evident/core";
import { Input, Radios, Select, Textarea } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { CHANNEL_LABEL } from "../../lib/format.js";
import { RecordFormFrame, useRecordForm } from "../../lib/record-form.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type Contact = NonNullable<RouterOutputs["people"]["contact"]["get"]>;

const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/;
const ZForm = z.object({
  addressLine1: z.string().trim().max(120, "Address line 1 must be 120 characters or fewer"),
  addressLine2: z.string().trim().max(120, "Address line 2 must be 120 characters or fewer"),
  town: z.string().trim().max(80, "Town must be 80 characters or fewer"),
  postcode: z.string().trim().refine((v) => v === "" || POSTCODE.test(v.toUpperCase()), { message: "Enter a real UK postcode, like SL1 2AB" }),
  phone: z.string().trim().refine((v) => v === "" || /^\+?[0-9 ]{7,20}$/.test(v), { message: "Enter a phone number, like 07700 900123" }),
  email: z.string().trim().refine((v) => v === "" || z.string().email().safeParse(v).success, { message: "Enter an email address, like name@example.org" }),
  safeToCall: z.string(),
  safeTimes: z.string().trim().max(200, "Safe times must be 200 characters or fewer"),
  preferredChannel: z.string(),
  unsafePeople: z.string().max(4000, "List at most 20 people"),
  notes: z.string().max(2000, "Notes must be 2,000 characters or fewer"),
  confidentiality: z.string().min(1, "Select how confidential these details are"),
});
type TForm = z.infer<typeof ZForm>;
const IDS: Record<keyof TForm, string> = {
  addressLine1: "c-line1",
  addressLine2: "c-line2",
  town: "c-town",
  postcode: "c-postcode",
  phone: "c-phone",
  email: "c-email",
  safeToCall: "c-safe",
  safeTimes: "c-times",
  preferredChannel: "c-channel",
  unsafePeople: "c-unsafe",
  notes: "c-notes",
  confidentiality: "c-conf",
};

function formOf(c: Contact | null): TForm {
  return {
    addressLine1: c?.addressLine1 ?? "",
    addressLine2: c?.addressLine2 ?? "",
    town: c?.town ?? "",
    postcode: c?.postcode ?? "",
    phone: c?.phone ?? "",
    email: c?.email ?? "",
    safeToCall: c?.safeToCall === null || c?.safeToCall === undefined ? "" : c.safeToCall ? "yes" : "no",
    safeTimes: c?.safeTimes ?? "",
    preferredChannel: c?.preferredChannel ?? "",
    unsafePeople: (c?.unsafePeople ?? []).join("\n"),
    notes: c?.notes ?? "",
    confidentiality: c?.confidentiality ?? "normal",
  };
}

export default function ContactEditPage() {
  const { personId = "" } = useParams();
  const person = useQuery(api.people.get.queryOptions({ id: personId }));
  const contact = useQuery({ ...api.people.contact.get.queryOptions({ personId }), retry: false });
  if (person.isPending || contact.isPending) return <Loading what="Loading contact details" />;
  if (person.isError) return <QueryError error={person.error} what="This person" />;
  if (contact.isError) {
    if (errorInfo(contact.error).code === "NOT_FOUND") return <QueryError error={contact.error} what="Contact details for this person" />;
    return <QueryError error={contact.error} what="Contact details" />;
  }
  const p = person.data;
  return <ContactForm personId={p.id} name={`${p.firstName} ${p.lastName}`} contact={contact.data} />;
}

function ContactForm({ personId, name, contact }: { personId: string; name: string; contact: Contact | null }) {
  const [params] = useSearchParams();
  const familyId = params.get("family");
  const back = familyId ? `/families/${familyId}#contact` : "/families";
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const rf = useRecordForm<TForm>({ key: `contact:${personId}:${contact?.version ?? 0}`, schema: ZForm, empty: formOf(contact), ids: IDS });
  const { register } = rf.form;
  const errors = rf.errors;
  const save = useMutation(api.people.contact.update.mutationOptions());
  const onSubmit = rf.form.handleSubmit(async (v) => {
    rf.setProblem(null);
    const text = (s: string) => (s.trim() === "" ? null : s.trim());
    try {
      const saved = await save.mutateAsync({
        personId,
        version: contact?.version ?? 0,
        patch: {
          addressLine1: text(v.addressLine1),
          addressLine2: text(v.addressLine2),
          town: text(v.town),
          postcode: text(v.postcode.toUpperCase()),
          phone: text(v.phone),
          email: text(v.email),
          safeToCall: v.safeToCall === "" ? null : v.safeToCall === "yes",
          safeTimes: text(v.safeTimes),
          preferredChannel: v.preferredChannel === "" ? null : (v.preferredChannel as (typeof CONTACT_CHANNELS)[number]),
          unsafePeople: v.unsafePeople.split("\n").map((s) => s.trim()).filter(Boolean).slice(0, 20),
          notes: text(v.notes),
          confidentiality: v.confidentiality as "normal" | "protected" | "closed",
        },
      });
      rf.dropDraft();
      await queryClient.invalidateQueries({ queryKey: api.people.contact.pathKey() });
      navigate(back, { state: { saved: `Contact details for ${name} saved`, notice: saved.addressWithheld } });
    } catch (error) {
      rf.failed(error, v, {
        path: (path) => path.replace(/^patch\./, ""),
        otherwise: (info) => {
          if (info.code !== "CONFLICT") return false;
          rf.setProblem("Someone else changed these contact details while you were editing. Reload the page to see their changes; what you typed is kept.");
          return true;
        },
      });
    }
  });
  return (
    <RecordFormFrame label="Contact details" onSubmit={onSubmit} {...rf.frame} submit="Save contact details" cancelTo={back} page={{ title: "Contact details and safe contact", caption: name }}>
      <Input id={IDS.addressLine1} label="Address line 1" autoComplete="off" error={errors.addressLine1?.message} {...register("addressLine1")} />
      <Input id={IDS.addressLine2} label="Address line 2 (optional)" autoComplete="off" error={errors.addressLine2?.message} {...register("addressLine2")} />
      <Input id={IDS.town} label="Town or city" autoComplete="off" width={20} error={errors.town?.message} {...register("town")} />
      <Input id={IDS.postcode} label="Postcode" autoComplete="off" width={10} error={errors.postcode?.message} {...register("postcode")} />
      <Input id={IDS.phone} label="Phone" type="tel" autoComplete="off" width={20} error={errors.phone?.message} {...register("phone")} />
      <Input id={IDS.email} label="Email" type="email" autoComplete="off" error={errors.email?.message} {...register("email")} />
      <Radios
        id={IDS.safeToCall}
        legend="Is it safe to call?"
        inline
        error={errors.safeToCall?.message}
        items={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
          { value: "", label: "Not known" },
        ]}
        inputProps={register("safeToCall")}
      />
      <Input id={IDS.safeTimes} label="Safe times to make contact (optional)" hint="For example, weekday mornings when the children are at school" error={errors.safeTimes?.message} {...register("safeTimes")} />
      <Select id={IDS.preferredChannel} label="Preferred way to make contact" error={errors.preferredChannel?.message} options={[{ value: "", label: "Not recorded" }, ...CONTACT_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] ?? c }))]} {...register("preferredChannel")} />
      <Textarea id={IDS.unsafePeople} label="People who must not learn anything (optional)" hint="One name or description a line" rows={3} error={errors.unsafePeople?.message} {...register("unsafePeople")} />
      <Textarea id={IDS.notes} label="Notes (optional)" rows={3} error={errors.notes?.message} {...register("notes")} />
      <Radios
        id={IDS.confidentiality}
        legend="How confidential are these details?"
        error={errors.confidentiality?.message}
        items={[
          { value: "normal", label: "Normal" },
          { value: "protected", label: "Protected", hint: "A safeguarding override can open them for a named member of staff, for up to 3 hours" },
          { value: "closed", label: "Closed", hint: "For example a refuge address: never opened to staff working with a linked perpetrator" },
        ]}
        inputProps={register("confidentiality")}
      />
    </RecordFormFrame>
  );
}
