/**
 * Domestic-abuse links of one person: who the records link them to as victim
 * or perpetrator, on what basis, and a form to record a link the records do
 * not show yet (ex-partners rarely share a family record). The information
 * barrier applies from the moment a link exists. A manager can end a link
 * recorded here, with a reason; links that come from the records themselves
 * (family roles, a MARAC referral naming the perpetrator) end only when those
 * records change.
 */
import { EXPLICIT_LINK_BASES, LINK_BASIS_LABELS } from "@evident/core";
import { InsetText, NotificationBanner, Radios, Select, Table, Textarea, WarningText } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { useFamilySearch } from "../../components/family-search.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { FAMILY_ROLE_LABEL } from "../../lib/format.js";
import { RecordFormFrame, useRecordForm } from "../../lib/record-form.js";
import type { FamilyDetail } from "../../lib/shapes.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type LinkItem = RouterOutputs["people"]["links"]["list"]["items"][number];
type Named = { firstName: string; lastName: string; reference: string };
const nameOf = (p: Named) => `${p.firstName} ${p.lastName} (${p.reference})`;

export default function PersonLinksPage() {
  const { personId = "" } = useParams();
  const [params] = useSearchParams();
  const familyId = params.get("family");
  const person = useQuery(api.people.get.queryOptions({ id: personId }));
  const links = useQuery(api.people.links.list.queryOptions({ personId }));
  const [saved, setSaved] = useState<string | null>(null);
  if (person.isPending || links.isPending) return <Loading what="Loading domestic-abuse links" />;
  if (person.isError) return <QueryError error={person.error} what="This person" />;
  if (links.isError) return <QueryError error={links.error} what="Domestic-abuse links" />;
  const p = person.data;
  const name = `${p.firstName} ${p.lastName}`;
  return (
    <Page title="Domestic-abuse links" caption={name}>
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      {familyId ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/families/${familyId}`}>
            Back to the family
          </Link>
        </p>
      ) : null}
      <InsetText>
        A victim&apos;s address, phone and safe-contact details are never shown to staff working with a perpetrator linked to her or him. Links come from the records (the same family&apos;s
        victim and perpetrator, a MARAC referral naming the perpetrator) or are recorded here.
      </InsetText>
      <LinksTable items={links.data.items} onSaved={setSaved} />
      {links.data.withheld > 0 ? (
        <p className="govuk-body" data-testid="links-withheld">
          {links.data.withheld === 1 ? "There is 1 more link" : `There are ${links.data.withheld} more links`} to people whose records you cannot see.
        </p>
      ) : null}
      <NewLinkForm personId={p.id} name={name} onSaved={setSaved} />
    </Page>
  );
}

function LinksTable({ items, onSaved }: { items: LinkItem[]; onSaved: (s: string) => void }) {
  const auth = useAuth();
  const [ending, setEnding] = useState<string | null>(null);
  if (items.length === 0) return <p className="govuk-body">No links are recorded for this person.</p>;
  return (
    <>
      <Table
        caption="Linked people"
        captionSize="m"
        rows={items}
        rowKey={(l) => `${l.victim.id}:${l.perpetrator.id}`}
        columns={[
          { header: "Victim", cell: (l) => nameOf(l.victim) },
          { header: "Perpetrator", cell: (l) => nameOf(l.perpetrator) },
          { header: "Linked because", cell: (l) => l.bases.map((b) => b.label).join("; ") },
          {
            header: "Action",
            cell: (l) =>
              auth.can("links:end") && l.explicit.length > 0 ? (
                <button type="button" className="app-sort-button" onClick={() => setEnding(l.explicit[0]!.id)}>
                  End this link<span className="govuk-visually-hidden"> between {nameOf(l.victim)} and {nameOf(l.perpetrator)}</span>
                </button>
              ) : null,
          },
        ]}
      />
      {ending ? <EndLinkForm link={items.find((l) => l.explicit.some((e) => e.id === ending))!} explicitId={ending} onDone={(s) => (setEnding(null), s && onSaved(s))} /> : null}
    </>
  );
}

const ZEnd = z.object({ reason: z.string().trim().min(10, "Give the reason for ending the link (at least 10 characters)").max(1000, "The reason must be 1,000 characters or fewer") });

function EndLinkForm({ link, explicitId, onDone }: { link: LinkItem; explicitId: string; onDone: (saved: string | null) => void }) {
  const queryClient = useQueryClient();
  const end = useMutation(api.people.links.end.mutationOptions());
  const version = link.explicit.find((e) => e.id === explicitId)!.version;
  const rf = useRecordForm<z.infer<typeof ZEnd>>({ key: `link-end:${explicitId}`, schema: ZEnd, empty: { reason: "" }, ids: { reason: "end-reason" } });
  const onSubmit = rf.form.handleSubmit(async (v) => {
    rf.setProblem(null);
    try {
      await end.mutateAsync({ id: explicitId, version, reason: v.reason.trim() });
      rf.saved();
      await queryClient.invalidateQueries({ queryKey: api.people.links.pathKey() });
      onDone(`The link between ${nameOf(link.victim)} and ${nameOf(link.perpetrator)} recorded here has ended`);
    } catch (error) {
      rf.failed(error, v);
    }
  });
  return (
    <RecordFormFrame label="End a link" heading={`End the link between ${nameOf(link.victim)} and ${nameOf(link.perpetrator)}`} onSubmit={onSubmit} {...rf.frame} submit="End link" submitVariant="warning">
      {link.bases.some((b) => b.basis === "family" || b.basis === "marac") ? (
        <WarningText>The records still link these two people ({link.bases.filter((b) => b.basis === "family" || b.basis === "marac").map((b) => b.label.toLowerCase()).join("; ")}): the barrier stays in place.</WarningText>
      ) : null}
      <Textarea id="end-reason" label="Why is this link ending?" hint="Recorded in the audit log" rows={3} error={rf.errors.reason?.message} {...rf.form.register("reason")} />
    </RecordFormFrame>
  );
}

const ZNew = z.object({
  role: z.string().min(1, "Select whether this person is the victim or the perpetrator"),
  otherId: z.string().min(1, "Find and select the other person"),
  basis: z.string().min(1, "Select what the link rests on"),
  notes: z.string().max(1000, "Notes must be 1,000 characters or fewer"),
});
type TNew = z.infer<typeof ZNew>;
const NEW_IDS = { role: "l-role", otherId: "l-search", basis: "l-basis", notes: "l-notes" };

/** Find the other person: search families by name or reference, then choose one of a family's adults. */
function PersonFinder({ excludeId, onChange, error }: { excludeId: string; onChange: (id: string) => void; error?: string }) {
  const [familyId, setFamilyId] = useState("");
  const { families, options, searchBox, term } = useFamilySearch();
  const family = useQuery({ ...api.families.get.queryOptions({ id: familyId }), enabled: familyId !== "" });
  const adults = ((family.data as FamilyDetail | undefined)?.people ?? []).filter((p) => p.kind !== "child" && p.id !== excludeId && !p.restricted);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      {searchBox("l-family-search")}
      {families.isError ? <QueryError error={families.error} what="Families" /> : null}
      <Select
        id={NEW_IDS.otherId}
        label="The other person's family"
        error={error}
        value={familyId}
        onChange={(e) => (setFamilyId(e.target.value), onChange(""))}
        options={[{ value: "", label: families.isPending ? "Loading…" : options.length ? "Select a family" : term ? `No families match “${term}”` : "No families in your caseload or team" }, ...options]}
      />
      {familyId && family.data ? (
        adults.length === 0 ? (
          <p className="govuk-body">No adults are recorded in this family.</p>
        ) : (
          <Radios
            id="l-person"
            legend="Person"
            items={adults.map((a) => ({ value: a.id, label: `${a.firstName} ${a.lastName}`, hint: FAMILY_ROLE_LABEL[a.familyRole] ?? a.familyRole }))}
            inputProps={{ name: "l-person", onChange: (e) => onChange(e.target.value) }}
          />
        )
      ) : null}
    </div>
  );
}

function NewLinkForm({ personId, name, onSaved }: { personId: string; name: string; onSaved: (s: string) => void }) {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const create = useMutation(api.people.links.create.mutationOptions());
  const rf = useRecordForm<TNew>({ key: `link:new:${personId}`, schema: ZNew, empty: { role: "", otherId: "", basis: "", notes: "" }, ids: NEW_IDS });
  const { register, setValue } = rf.form;
  if (!auth.can("links:write")) return null;
  const onSubmit = rf.form.handleSubmit(async (v) => {
    rf.setProblem(null);
    const [victimId, perpetratorId] = v.role === "victim" ? [personId, v.otherId] : [v.otherId, personId];
    try {
      await create.mutateAsync({ victimId, perpetratorId, basis: v.basis as (typeof EXPLICIT_LINK_BASES)[number], ...(v.notes.trim() ? { notes: v.notes.trim() } : {}) });
      rf.saved();
      await queryClient.invalidateQueries({ queryKey: api.people.pathKey() });
      onSaved(`Link recorded: the information barrier now applies to ${name}'s ${v.role === "victim" ? "contact details" : "linked victim"}`);
    } catch (error) {
      rf.failed(error, v, {
        path: (path) => (path === "perpetratorId" || path === "victimId" ? "otherId" : path),
        otherwise: (info) => {
          if (info.code !== "CONFLICT") return false;
          rf.form.setError("otherId", { type: "server", message: errorInfo(error).message });
          return true;
        },
      });
    }
  });
  return (
    <RecordFormFrame label="Record a domestic-abuse link" heading="Record a link" onSubmit={onSubmit} {...rf.frame} submit="Record link">
      <Radios
        id={NEW_IDS.role}
        legend={`${name} is the`}
        inline
        error={rf.errors.role?.message}
        items={[
          { value: "victim", label: "Victim" },
          { value: "perpetrator", label: "Perpetrator" },
        ]}
        inputProps={register("role")}
      />
      <PersonFinder excludeId={personId} onChange={(id) => setValue("otherId", id, { shouldValidate: rf.form.formState.isSubmitted })} error={rf.errors.otherId?.message} />
      <Select id={NEW_IDS.basis} label="What the link rests on" error={rf.errors.basis?.message} options={[{ value: "", label: "Select" }, ...EXPLICIT_LINK_BASES.map((b) => ({ value: b, label: LINK_BASIS_LABELS[b] }))]} {...register("basis")} />
      <Textarea id={NEW_IDS.notes} label="Notes (optional)" rows={2} error={rf.errors.notes?.message} {...register("notes")} />
    </RecordFormFrame>
  );
}
