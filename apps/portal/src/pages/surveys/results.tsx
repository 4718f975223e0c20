/** A wave's results, overall and by team, shown only for groups of 5 or more (and no group that subtraction would reveal). */
import { InsetText, Table, WarningText } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { api, type RouterOutputs } from "../../lib/trpc.js";

type Results = RouterOutputs["surveys"]["results"];
type Group = Results["overall"];
const pct = (x: number | undefined) => (x === undefined ? "–" : `${Math.round(x * 100)}%`);

function GroupResults({ g, questions, heading }: { g: Group; questions: Results["questions"]; heading: string }) {
  if (!g.shown)
    return (
      <section aria-label={heading}>
        <h3 className="govuk-heading-s">{heading}</h3>
        <WarningText>{g.message ?? "Not shown."}</WarningText>
      </section>
    );
  return (
    <section aria-label={heading}>
      <h3 className="govuk-heading-s">{`${heading}: ${g.responses} responses`}</h3>
      <Table
        caption={`${heading}: answers`}
        captionSize="s"
        firstCellIsHeader
        rows={(g.questions ?? []).filter((r) => r.kind !== "text")}
        rowKey={(r) => r.questionId}
        columns={[
          { header: "Question", cell: (r) => questions.find((x) => x.id === r.questionId)?.text ?? r.questionId },
          { header: "Answered", cell: (r) => r.n, numeric: true },
          { header: "Result", cell: (r) => (r.kind === "agree5" ? `mean ${r.mean?.toFixed(2) ?? "–"}; ${pct(r.agree)} agree` : `${pct(r.mean)} yes`) },
          { header: "Counts", cell: (r) => (r.kind === "agree5" ? ["1", "2", "3", "4", "5"].map((k) => `${k}: ${r.counts?.[k] ?? 0}`).join(", ") : `yes ${r.counts?.yes ?? 0}, no ${r.counts?.no ?? 0}`) },
        ]}
      />
      {(g.questions ?? [])
        .filter((r) => r.kind === "text" && (r.texts?.length ?? 0) > 0)
        .map((r) => (
          <details className="govuk-details" key={r.questionId}>
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">{`${questions.find((x) => x.id === r.questionId)?.text ?? r.questionId} (${r.texts!.length} comments, in alphabetical order)`}</span>
            </summary>
            <div className="govuk-details__text">
              <ul className="govuk-list govuk-list--bullet">
                {r.texts!.map((t, i) => (
                  <li key={i}>{t}</li>
                ))}
              </ul>
            </div>
          </details>
        ))}
    </section>
  );
}

export default function SurveyResultsPage() {
  const { waveId = "" } = useParams();
  const q = useQuery(api.surveys.results.queryOptions({ waveId }));
  return (
    <Page title={q.data ? `Results: ${q.data.wave.name}` : "Survey results"} caption={q.data?.survey.name ?? "Survey"}>
      {q.isPending ? (
        <Loading what="Loading the results" />
      ) : q.isError ? (
        <QueryError error={q.error} what="The results" />
      ) : (
        <>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/surveys/${q.data.survey.id}`}>
              Back to the survey
            </Link>
          </p>
          <InsetText>Results are shown for groups of {q.data.minGroup} or more responses, so that nobody&apos;s answers can be picked out. A team is also hidden when its answers could be worked out by subtracting the other teams from the total.</InsetText>
          <h2 className="govuk-heading-m">Everyone</h2>
          <GroupResults g={q.data.overall} questions={q.data.questions} heading="All responses" />
          <h2 className="govuk-heading-m">By team</h2>
          {q.data.groups.map((g) => (
            <GroupResults key={g.key} g={g} questions={q.data.questions} heading={g.key} />
          ))}
        </>
      )}
    </Page>
  );
}
