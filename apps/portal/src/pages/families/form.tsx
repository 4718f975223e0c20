/**
 * Record a new family, or change one. Validation runs at each field with the
 * core's schemas; a failed save keeps the typing in sessionStorage (form
 * values only) and restores it on return; a CONFLICT (someone else saved
 * first) keeps the typing, shows what they saved, and lets the user save
 * again on top of the latest version.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { ZDate, ZFamilyCreateInput } from "@evident/core";
import { Button, DateInput, ErrorSummary, Input, NotificationBanner, SummaryList } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Link, useNavigate, useParams } from "react-router";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { applyFieldErrors, DraftOfferBanner, summaryErrors, useFormDraft } from "@evident/ui";
import { formatDay } from "../../lib/format.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";
import type { FamilyDetail } from "../../lib/shapes.js";

const shape = ZFamilyCreateInput.shape;
const optionalDate = (what: string) =>
  z.string().refine((v) => v === "" || ZDate.safeParse(v).success, { message: `${what} must be a real date, for example 27 3 2019` });

const ZForm = z.object({
  // Optional: left blank, the system gives the next one (F000124).
  reference: z.string().trim().refine((v) => v === "" || /^[A-Za-z0-9-]{1,20}$/.test(v), "Case reference must be up to 20 letters, numbers or hyphens"),
  name: z.string().trim().min(1, "Enter the family name").max(120, "Family name must be 120 characters or fewer").pipe(shape.name),
  openedAt: optionalDate("Date opened"),
  closedAt: optionalDate("Date closed"),
});
type TForm = z.infer<typeof ZForm>;
const FIELDS = ["reference", "name", "openedAt", "closedAt"] as const;
const IDS = { reference: "reference", name: "name", openedAt: "openedAt", closedAt: "closedAt" };

type Family = FamilyDetail;

export default function FamilyFormPage() {
  const { id } = useParams();
  const existing = useQuery({ ...api.families.get.queryOptions({ id: id ?? "" }), enabled: !!id });
  if (id && existing.isPending) return <Loading what="Loading the family" />;
  if (id && existing.isError) return <QueryError error={existing.error} what="This family" />;
  return <FamilyForm family={id ? (existing.data as FamilyDetail) : undefined} />;
}

function FamilyForm({ family }: { family: Family | undefined }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const draftKey = family ? `family:${family.id}` : "family:new";
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Family | null>(null);
  const version = useRef(family?.version ?? 0);
  const fromRecord = (f: Family | undefined): TForm => ({ reference: f?.reference ?? "", name: f?.name ?? "", openedAt: f?.openedAt ?? "", closedAt: f?.closedAt ?? "" });
  const form = useForm<TForm>({ shouldFocusError: false, resolver: zodResolver(ZForm), defaultValues: fromRecord(family), mode: "onSubmit", reValidateMode: "onChange" });
  // Kept on this device as it is typed; offered back if the page is reloaded or left.
  const draft = useFormDraft(form, draftKey);
  const { register, handleSubmit, formState, control, setError } = form;
  const errors = formState.errors;

  useEffect(() => {
    if (family) version.current = family.version;
  }, [family]);

  const create = useMutation(api.families.create.mutationOptions());
  const update = useMutation(api.families.update.mutationOptions());

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      let saved: { id: string };
      if (family) {
        const patch: Record<string, string | null> = {};
        if (values.name !== family.name) patch.name = values.name;
        if ((values.openedAt || null) !== family.openedAt) patch.openedAt = values.openedAt || null;
        if ((values.closedAt || null) !== family.closedAt) patch.closedAt = values.closedAt || null;
        saved = await update.mutateAsync({ id: family.id, version: version.current, patch });
      } else {
        saved = await create.mutateAsync({ reference: values.reference || null, name: values.name, ...(values.openedAt ? { openedAt: values.openedAt } : {}) });
      }
      draft.saved();
      setConflict(null);
      await queryClient.invalidateQueries({ queryKey: api.families.pathKey() });
      navigate(`/families/${saved.id}`, { state: { saved: family ? "Family details saved" : "Family recorded" } });
    } catch (error) {
      // Never lose the typing: keep it on this device until it is saved.
      draft.keepNow(values);
      const info = errorInfo(error);
      if (info.code === "CONFLICT" && family) {
        const latest = (await queryClient.fetchQuery({ ...api.families.get.queryOptions({ id: family.id }), staleTime: 0 })) as FamilyDetail;
        version.current = latest.version;
        setConflict(latest);
        return;
      }
      if (info.code === "CONFLICT") {
        setError("reference", { type: "server", message: "A family with this reference already exists" });
        return;
      }
      if (info.fieldErrors.length > 0) {
        const rest = applyFieldErrors(info.fieldErrors, setError, FIELDS);
        if (rest.length) setProblem(rest.join("; "));
        return;
      }
      if (info.code === "FORBIDDEN") setProblem(info.message);
      else if (info.code === "UNAUTHORIZED") setProblem("Your session has ended. Sign in again in another tab; what you typed is kept here.");
      else setProblem(`Your changes could not be saved. What you typed is kept on this device.${info.requestId ? ` Reference ${info.requestId}.` : ""}`);
    }
  });

  const title = family ? `Change ${family.name}` : "Record a new family";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryErrors(errors, IDS)} description={problem ?? undefined} />
        {conflict ? (
          <NotificationBanner title="Important" heading="Someone else saved this family while you were making changes" focusOnMount>
            <p className="govuk-body">Your changes have not been saved, and nothing you typed has been lost. This is what they saved:</p>
            <SummaryList
              rows={[
                { key: "Family name", value: conflict.name },
                { key: "Date opened", value: formatDay(conflict.openedAt) },
                { key: "Date closed", value: conflict.closedAt ? formatDay(conflict.closedAt) : "Open" },
              ]}
            />
            <p className="govuk-body">Check your changes below, then save again to replace their version with yours.</p>
          </NotificationBanner>
        ) : (
          <DraftOfferBanner offer={draft.offer} />
        )}
        <Page title={title} caption="Families">
          <form noValidate onSubmit={onSubmit}>
            {family ? (
              <p className="govuk-body">
                Reference: <strong>{family.reference}</strong>
              </p>
            ) : (
              <Input id="reference" label="Case reference (optional)" hint="Leave blank and the system gives the next reference (like F000124), or enter an existing one: up to 20 letters, numbers or hyphens" width={10} error={errors.reference?.message} {...register("reference")} />
            )}
            <Input id="name" label="Family name" hint="Usually the surname(s) used by the family" error={errors.name?.message} {...register("name")} />
            <Controller
              control={control}
              name="openedAt"
              render={({ field }) => <DateInput id="openedAt" legend="Date opened" hint="For example, 27 3 2019. Leave blank for today." error={errors.openedAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />}
            />
            {family ? (
              <Controller
                control={control}
                name="closedAt"
                render={({ field }) => <DateInput id="closedAt" legend="Date closed" hint="Leave blank while the family is open." error={errors.closedAt?.message} value={field.value} onChange={field.onChange} onBlur={field.onBlur} />}
              />
            ) : null}
            <div className="govuk-button-group">
              <Button type="submit" disabled={formState.isSubmitting}>
                {family ? "Save changes" : "Record family"}
              </Button>
              <Link className="govuk-link" to={family ? `/families/${family.id}` : "/families"}>
                Cancel
              </Link>
            </div>
          </form>
        </Page>
      </div>
    </div>
  );
}
