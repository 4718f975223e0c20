/**
 * Evaluation: choose the programme cohort, the comparison rule, the period,
 * window and tariff set; run the analysis (evaluation.run); save it as an
 * immutable run (evaluation.save); the saved runs listed, each opening at its
 * own address (saved.tsx: /evaluation/saved/:id).
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { ZDate } from "@evident/core";
import { ArrivalHeading, Button, DateInput, ErrorSummary, Input, NotificationBanner, Radios, Select, Table } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { drafts, summaryErrors } from "@evident/ui";
import { formatDateTime } from "../../lib/format.js";
import { api, errorInfo, type RouterInputs } from "../../lib/trpc.js";
import { AnalysisView } from "./result.js";
import { savedAnalysisPath } from "./saved-path.js";

type Request = RouterInputs["evaluation"]["run"];

const date = (what: string) => z.string().min(1, `Enter ${what}`).refine((v) => ZDate.safeParse(v).success, { message: `${what[0]!.toUpperCase()}${what.slice(1)} must be a real date` });
const ZForm = z
  .object({
    programmeId: z.string().min(1, "Select the programme"),
    comparison: z.enum(["factors_not_enrolled", "factor_count_not_enrolled"], { message: "Select how the comparison cohort is chosen" }),
    minFactors: z.coerce.number<string>().int("Enter a whole number of factors").min(1, "At least 1 factor").max(60, "At most 60 factors"),
    from: date("the start of the period"),
    to: date("the end of the period"),
    asAt: date("the date the figures are taken"),
    windowMonths: z.coerce.number<string>().int("Enter a whole number of months").min(1, "The window must be at least 1 month").max(24, "The window can be at most 24 months"),
    tariffSetId: z.string().min(1, "Select a tariff set"),
    seed: z.coerce.number<string>().int("The seed must be a whole number").min(0, "The seed must be 0 or more"),
    costBasis: z.enum(["recorded", "budget", "actual"], { message: "Select which programme cost to use" }),
    costYears: z.string().regex(/^(|\d{4}:\d{4})$/, "Select the financial years"),
    matchMethod: z.enum(["none", "nearest"], { message: "Select how the comparison children are used" }),
    matchRatio: z.coerce.number<string>().int("Enter a whole number of comparison children").min(1, "At least 1 comparison child per programme child").max(10, "At most 10 comparison children per programme child"),
    caliper: z.string().trim().refine((v) => v === "" || (Number.isFinite(Number(v)) && Number(v) > 0 && Number(v) <= 10), { message: "The caliper must be a number above 0 and at most 10, or empty for none" }),
    matchExact: z.enum(["none", "highestBefore"], { message: "Select whether to match exactly on the highest status before" }),
  })
  .refine((v) => v.from <= v.to, { message: "The end of the period must be on or after its start", path: ["to"] });
type TFormIn = z.input<typeof ZForm>;
type TFormOut = z.output<typeof ZForm>;
const IDS = { programmeId: "programmeId", comparison: "comparison", minFactors: "minFactors", from: "from", to: "to", asAt: "asAt", windowMonths: "windowMonths", tariffSetId: "tariffSetId", seed: "seed", costBasis: "costBasis", costYears: "costYears", matchMethod: "matchMethod", matchRatio: "matchRatio", caliper: "caliper", matchExact: "matchExact" };

/** Financial years an analyst can choose for the cost figure ("" = every year recorded). */
const fy = (y: number) => `${y}-${String((y + 1) % 100).padStart(2, "0")}`;
const COST_YEARS = [
  { value: "", label: "All years recorded" },
  { value: "2017:2018", label: `${fy(2017)} to ${fy(2018)} (the report's two years)` },
  ...[2016, 2017, 2018, 2019, 2020, 2021].map((y) => ({ value: `${y}:${y}`, label: fy(y) })),
];

/** The programme cost the analysis used, stated before the numbers. */
export function CostUsed({ cost }: { cost: { label: string; source: string } | null | undefined }) {
  return (
    <p className="govuk-inset-text" data-testid="cost-used">
      <strong>Programme cost used:</strong> {cost ? cost.label : "none recorded (no net cost is shown)"}
    </p>
  );
}


function SavedRuns() {
  const q = useQuery(api.evaluation.list.queryOptions({ take: 50 }));
  if (q.isPending) return <Loading what="Loading saved analyses" />;
  if (q.isError) return <QueryError error={q.error} what="Saved analyses" />;
  if (q.data.length === 0) return <p className="govuk-body">No analyses have been saved yet.</p>;
  return (
    <Table
      caption="Saved analyses"
      captionSize="s"
      rows={q.data}
      rowKey={(r) => r.id}
      columns={[
        { header: "Title", cell: (r) => r.title ?? "Untitled" },
        { header: "Programme", cell: (r) => (r.programme as { name?: string } | null)?.name ?? "" },
        { header: "Saved", cell: (r) => formatDateTime(r.createdAt) },
        {
          header: "Open",
          cell: (r) => (
            <Link className="govuk-link" to={savedAnalysisPath(r.id)}>
              Open<span className="govuk-visually-hidden"> {r.title}</span>
            </Link>
          ),
        },
      ]}
    />
  );
}

export default function EvaluationPage() {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const options = useQuery(api.evaluation.options.queryOptions());
  const [request, setRequest] = useState<Request | null>(null);
  const [title, setTitle] = useState("");
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const run = useQuery({ ...api.evaluation.run.queryOptions(request as Request), enabled: !!request, staleTime: Infinity, retry: false });
  const save = useMutation(api.evaluation.save.mutationOptions());
  const draft = drafts.load<TFormIn>("evaluation");
  const today = new Date().toISOString().slice(0, 10);
  const form = useForm<TFormIn, unknown, TFormOut>({
    shouldFocusError: false, resolver: zodResolver(ZForm),
    defaultValues: { programmeId: "", comparison: "factors_not_enrolled", minFactors: "5", from: "2018-04-01", to: "2019-03-31", asAt: today, windowMonths: "6", tariffSetId: "gmca-2019", seed: "20200301", costBasis: "recorded", costYears: "", matchMethod: "none", matchRatio: "1", caliper: "0.2", matchExact: "none", ...draft?.values },
  });
  const { register, handleSubmit, formState, control, watch } = form;
  const errors = formState.errors;
  const canRun = auth.can("evaluation:run" as never);

  const onSubmit = handleSubmit((v) => {
    setSaved(null);
    drafts.save("evaluation", form.getValues());
    setRequest({
      programmeId: v.programmeId,
      comparison: v.comparison === "factors_not_enrolled" ? { kind: "factors_not_enrolled", anyOfFactors: ["3A", "3B", "3C"] } : { kind: "factor_count_not_enrolled", minFactors: v.minFactors },
      from: v.from,
      to: v.to,
      asAt: v.asAt,
      windowMonths: v.windowMonths,
      tariffSetId: v.tariffSetId,
      seed: v.seed,
      bootstrapReplicates: 1000,
      ...(v.matchMethod === "nearest" ? { matching: { method: "nearest" as const, ratio: v.matchRatio, caliper: v.caliper === "" ? null : Number(v.caliper), exact: v.matchExact === "highestBefore" ? ["highestBefore" as const] : [] } } : {}),
      ...(v.costBasis === "recorded"
        ? {}
        : { costFigure: { basis: v.costBasis, ...(v.costYears ? { fromYear: Number(v.costYears.slice(0, 4)), toYear: Number(v.costYears.slice(5)) } : {}) } }),
    });
  });

  if (options.isPending) return <Loading what="Loading evaluation options" />;
  if (options.isError) return <QueryError error={options.error} what="Evaluation options" />;
  const o = options.data;
  const rules = o.comparisonRules as readonly { kind: string; title: string; description: string }[];

  return (
    <Page title="Evaluation" caption="Outcomes and cost-benefit">
      <p className="govuk-body">
        Compare the children of a programme with a comparison cohort, {`${o.defaults.windowMonths}`} months before and after, priced with unit-cost tariffs. Warnings about the data are shown before
        the numbers.
      </p>
      {canRun ? (
        <form noValidate onSubmit={onSubmit} aria-label="Choose the analysis">
          <ErrorSummary errors={summaryErrors(errors, IDS)} />
          <Select id="programmeId" label="Programme" error={errors.programmeId?.message} options={[{ value: "", label: "Select a programme" }, ...o.programmes.map((p) => ({ value: p.id, label: p.name }))]} {...register("programmeId")} />
          <Radios id="comparison" legend="How is the comparison cohort chosen?" error={errors.comparison?.message} items={rules.map((r) => ({ value: r.kind, label: r.title, hint: r.description }))} inputProps={register("comparison")} />
          {watch("comparison") === "factor_count_not_enrolled" ? <Input id="minFactors" label="Fewest assessment factors" width={3} inputMode="numeric" error={errors.minFactors?.message} {...register("minFactors")} /> : null}
          <Controller control={control} name="from" render={({ field }) => <DateInput id="from" legend="Start of the period" hint="Programme starts and comparison assessments from this date" error={errors.from?.message} value={field.value} onChange={field.onChange} />} />
          <Controller control={control} name="to" render={({ field }) => <DateInput id="to" legend="End of the period" error={errors.to?.message} value={field.value} onChange={field.onChange} />} />
          <Controller control={control} name="asAt" render={({ field }) => <DateInput id="asAt" legend="Figures as at" hint="Records after this date are not counted" error={errors.asAt?.message} value={field.value} onChange={field.onChange} />} />
          <Input id="windowMonths" label="Window before and after, in months" width={3} inputMode="numeric" error={errors.windowMonths?.message} {...register("windowMonths")} />
          <Select id="tariffSetId" label="Tariff set" error={errors.tariffSetId?.message} options={o.tariffSets.map((t) => ({ value: t.id, label: `${t.name} (${t.priceYear})` }))} {...register("tariffSetId")} />
          <Radios
            id="costBasis"
            legend="Which programme cost should the analysis use?"
            hint="The net cost is the programme cost minus the estimated saving. Budgets and actual costs are kept on the programme's finance page."
            error={errors.costBasis?.message}
            items={[
              { value: "recorded", label: "The programme's recorded total cost" },
              { value: "budget", label: "The budget, from the finance page" },
              { value: "actual", label: "The actual cost, from the finance page" },
            ]}
            inputProps={register("costBasis")}
          />
          {watch("costBasis") !== "recorded" ? <Select id="costYears" label="Financial years of the cost" error={errors.costYears?.message} options={COST_YEARS} {...register("costYears")} /> : null}
          <Radios
            id="matchMethod"
            legend="How should the comparison children be used?"
            hint="Children join programmes when they are in crisis, and children in crisis tend to improve anyway. Matching compares each programme child with comparison children who looked like them before."
            error={errors.matchMethod?.message}
            items={[
              { value: "none", label: "All comparison children (naive)" },
              { value: "nearest", label: "Matched comparison as well: nearest neighbour on a propensity score", hint: "Shows the balance before and after, the overlap of the scores, both estimates side by side and a placebo test" },
            ]}
            inputProps={register("matchMethod")}
          />
          {watch("matchMethod") === "nearest" ? (
            <>
              <Input id="matchRatio" label="Comparison children per programme child" width={3} inputMode="numeric" error={errors.matchRatio?.message} {...register("matchRatio")} />
              <Input id="caliper" label="Caliper, in standard deviations of the score's logit" hint="Programme children with no comparison child this close are left out. Leave empty for no caliper." width={5} inputMode="decimal" error={errors.caliper?.message} {...register("caliper")} />
              <Radios
                id="matchExact"
                legend="Match exactly on the highest status before?"
                error={errors.matchExact?.message}
                items={[
                  { value: "none", label: "No" },
                  { value: "highestBefore", label: "Yes: only compare children with the same highest status before (CIN, CP, CLA or none)" },
                ]}
                inputProps={register("matchExact")}
              />
            </>
          ) : null}
          <Input id="seed" label="Random seed" hint="One child per family is chosen at random, and the intervals and matching ties use it too; the same seed gives the same result" width={10} inputMode="numeric" error={errors.seed?.message} {...register("seed")} />
          <Button type="submit">Run the analysis</Button>
        </form>
      ) : (
        <p className="govuk-body">You can read saved analyses. Running a new one needs the analyst or manager role.</p>
      )}

      {request ? (
        run.isPending || run.isFetching ? (
          <Loading what="Running the analysis" />
        ) : run.isError ? (
          <QueryError error={run.error} what="The analysis" />
        ) : run.data ? (
          <section aria-labelledby="result-heading" className="govuk-!-margin-top-8">
            <ArrivalHeading className="govuk-heading-l" id="result-heading">
              {run.data.programme.name}: result
            </ArrivalHeading>
            {saved ? (
              <NotificationBanner type="success" heading="Analysis saved. It cannot be changed." focusOnMount>
                <p className="govuk-body">
                  <Link className="govuk-notification-banner__link" to={savedAnalysisPath(saved)}>
                    Open the saved analysis
                  </Link>{" "}
                  (its own page: the address can be bookmarked or shared with colleagues who can see analyses).
                </p>
              </NotificationBanner>
            ) : null}
            {saveProblem ? <ErrorSummary errors={[]} description={saveProblem} /> : null}
            <CostUsed cost={run.data.cost} />
            <AnalysisView result={run.data.result} cohortSizes={run.data.cohortSizes} exclusions={run.data.exclusions} />
            {auth.can("evaluation:write" as never) ? (
              <form
                noValidate
                aria-label="Save this analysis"
                onSubmit={async (e) => {
                  e.preventDefault();
                  setSaveProblem(null);
                  if (title.trim().length < 3) {
                    setSaveProblem("Enter a title of at least 3 characters");
                    return;
                  }
                  try {
                    const r = await save.mutateAsync({ title: title.trim(), request });
                    setSaved(r.id);
                    await queryClient.invalidateQueries({ queryKey: api.evaluation.pathKey() });
                  } catch (error) {
                    setSaveProblem(errorInfo(error).message);
                  }
                }}
              >
                <Input id="run-title" label="Title for this analysis" value={title} onChange={(e) => setTitle(e.target.value)} />
                <Button type="submit" disabled={save.isPending}>
                  Save this analysis
                </Button>
              </form>
            ) : null}
          </section>
        ) : null
      ) : null}

      <h2 className="govuk-heading-m govuk-!-margin-top-8">Saved analyses</h2>
      <SavedRuns />
    </Page>
  );
}
