/**
 * The agencies involved with a hub family (agency, role, from and to): the
 * list, adding one, and ending an involvement. Each change carries the
 * record's version; a stale one comes back as a conflict and the list is
 * refreshed, with what the user typed kept.
 */
import { AGENCIES, ZDate } from "@evident/core";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button, DateInput, Details, ErrorSummary, Input, Select, summaryErrors, Table, Tag, DraftOfferBanner, useFormDraft } from "@evident/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { AGENCY_LABEL, type Agency } from "../../lib/agencies.js";
import { formatDay } from "../../lib/format.js";
import { explainFailedSave, notFuture, optionalDate, requiredDate, saveProblem, todayIso } from "../../lib/record-form.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type HubCase = RouterOutputs["hub"]["get"];
type Involvement = HubCase["agencyInvolvements"][number];

const agencyName = (a: string) => AGENCY_LABEL[a as Agency] ?? a;
const CONFLICT_TEXT = "Someone else changed this agency's involvement while you were editing; the list now shows what they saved. What you typed is still here.";

const ZAdd = z
  .object({
    agency: z.string().min(1, "Select the agency"),
    role: z.string().trim().max(200, "The role must be 200 characters or fewer"),
    fromDate: requiredDate("the date the agency was involved from"),
    toDate: optionalDate("The end date"),
  })
  .refine((v) => !v.toDate || !ZDate.safeParse(v.fromDate).success || v.toDate >= v.fromDate, { message: "The end date must not be before the start date", path: ["toDate"] });
type TAdd = z.infer<typeof ZAdd>;

function AddAgency({ hubCase, onSaved }: { hubCase: HubCase; onSaved: (text: string) => void }) {
  const queryClient = useQueryClient();
  const key = `hub-agency:new:${hubCase.id}`;
  const ids = { agency: "agency-new", role: "agency-role", fromDate: "agency-from", toDate: "agency-to" };
  const empty: TAdd = { agency: "", role: "", fromDate: "", toDate: "" };
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation(api.hub.agencies.create.mutationOptions());
  const form = useForm<TAdd>({ shouldFocusError: false, resolver: zodResolver(ZAdd), defaultValues: empty });
  const draft = useFormDraft(form, key);
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    setProblem(null);
    try {
      await create.mutateAsync({ hubCaseId: hubCase.id, agency: v.agency as Agency, fromDate: v.fromDate, ...(v.role.trim() ? { role: v.role.trim() } : {}), ...(v.toDate ? { toDate: v.toDate } : {}) });
      draft.saved();
      form.reset(empty);
      await queryClient.invalidateQueries({ queryKey: api.hub.pathKey() });
      onSaved(`${agencyName(v.agency)} added to the agencies involved`);
    } catch (error) {
      draft.keepNow(v);
      explainFailedSave(error, { setError: form.setError, fields: Object.keys(ids), setProblem });
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Add an agency">
      <ErrorSummary errors={summaryErrors(errors, ids)} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      <Select id={ids.agency} label="Agency" error={errors.agency?.message} options={[{ value: "", label: "Select an agency" }, ...AGENCIES.map((a) => ({ value: a, label: AGENCY_LABEL[a] }))]} {...form.register("agency")} />
      <Input id={ids.role} label="Their role with the family (optional)" hint="For example: key worker for the father" error={errors.role?.message} {...form.register("role")} />
      <Controller control={form.control} name="fromDate" render={({ field }) => <DateInput id={ids.fromDate} legend="Involved from" legendSize="s" error={errors.fromDate?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Controller control={form.control} name="toDate" render={({ field }) => <DateInput id={ids.toDate} legend="Involved until (optional)" legendSize="s" hint="Leave blank while they are still involved" error={errors.toDate?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Add agency
      </Button>
    </form>
  );
}

const ZEnd = z.object({ toDate: requiredDate("the date the involvement ended").refine(notFuture, { message: "The end date cannot be in the future" }) });
type TEnd = z.infer<typeof ZEnd>;

function EndInvolvement({ inv, onDone }: { inv: Involvement; onDone: (text: string | null) => void }) {
  const queryClient = useQueryClient();
  const key = `hub-agency:end:${inv.id}`;
  const id = `agency-end-${inv.id}`;
  const [problem, setProblem] = useState<string | null>(null);
  const update = useMutation(api.hub.agencies.update.mutationOptions());
  const form = useForm<TEnd>({ shouldFocusError: false, resolver: zodResolver(ZEnd), defaultValues: { toDate: "" } });
  const draft = useFormDraft(form, key);
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (v) => {
    setProblem(null);
    try {
      await update.mutateAsync({ id: inv.id, version: inv.version, patch: { toDate: v.toDate } });
      draft.saved();
      await queryClient.invalidateQueries({ queryKey: api.hub.pathKey() });
      onDone(`${agencyName(inv.agency)}'s involvement ended`);
    } catch (error) {
      draft.keepNow(v);
      const info = errorInfo(error);
      if (info.code === "CONFLICT") {
        setProblem(CONFLICT_TEXT);
        await queryClient.invalidateQueries({ queryKey: api.hub.pathKey() });
        return;
      }
      // The API's date rule (end before start) comes back as a message about the end date.
      if (info.code === "BAD_REQUEST" && /end date/i.test(info.message)) form.setError("toDate", { type: "server", message: info.message });
      else setProblem(saveProblem(error));
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} aria-label={`End ${agencyName(inv.agency)}'s involvement`} data-testid="end-involvement">
      <h3 className="govuk-heading-s">End {agencyName(inv.agency)}&apos;s involvement</h3>
      <ErrorSummary errors={summaryErrors(errors, { toDate: id })} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      <Controller control={form.control} name="toDate" render={({ field }) => <DateInput id={id} legend="Date the involvement ended" legendSize="s" error={errors.toDate?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />} />
      <div className="govuk-button-group">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          End involvement
        </Button>
        <Button variant="secondary" onClick={() => onDone(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function AgencyInvolvements({ c, canWrite, onSaved }: { c: HubCase; canWrite: boolean; onSaved: (text: string) => void }) {
  const [ending, setEnding] = useState<string | null>(null);
  const today = todayIso();
  const rows = c.agencyInvolvements;
  const current = (i: Involvement) => !i.toDate || i.toDate > today;
  const endingRow = rows.find((r) => r.id === ending);
  return (
    <>
      {rows.length === 0 ? (
        <p className="govuk-body" data-testid="no-agencies">
          No agencies are recorded as involved with this family yet.
        </p>
      ) : (
        <Table
          caption="Agencies involved with the family"
          captionSize="s"
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { header: "Agency", cell: (r) => agencyName(r.agency) },
            { header: "Role", cell: (r) => r.role ?? "Not recorded" },
            { header: "From", cell: (r) => formatDay(r.fromDate) },
            { header: "To", cell: (r) => (r.toDate ? formatDay(r.toDate) : <Tag colour="green">Involved now</Tag>) },
            ...(canWrite
              ? [
                  {
                    header: "Action",
                    cell: (r: Involvement) =>
                      current(r) ? (
                        <button type="button" className="app-sort-button" aria-expanded={ending === r.id} onClick={() => setEnding(ending === r.id ? null : r.id)}>
                          End<span className="govuk-visually-hidden"> {agencyName(r.agency)}&apos;s involvement</span>
                        </button>
                      ) : (
                        "Ended"
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {canWrite && endingRow ? (
        <EndInvolvement
          key={endingRow.id}
          inv={endingRow}
          onDone={(text) => {
            setEnding(null);
            if (text) onSaved(text);
          }}
        />
      ) : null}
      {canWrite ? (
        <Details summary="Add an agency">
          <AddAgency hubCase={c} onSaved={onSaved} />
        </Details>
      ) : null}
    </>
  );
}
