/**
 * A saved analysis at its own address (/evaluation/saved/:id): open it, reload
 * it, share the link. Re-check it against today's records (evaluation.verify)
 * and download it (evaluation.export): as on screen, or for publication.
 */
import { ArrivalHeading, Button, downloadBase64, ErrorSummary, NotificationBanner } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDateTime } from "../../lib/format.js";
import { api, client, errorInfo } from "../../lib/trpc.js";
import { CostUsed } from "./evaluation.js";
import { AnalysisView } from "./result.js";

export default function SavedAnalysisPage() {
  const { id = "" } = useParams();
  return (
    <Page title="Saved analysis" caption="Evaluation">
      <p className="govuk-body">
        <Link className="govuk-back-link" to="/evaluation">
          Evaluation and saved analyses
        </Link>
      </p>
      <SavedRun id={id} />
    </Page>
  );
}

function SavedRun({ id }: { id: string }) {
  const auth = useAuth();
  const q = useQuery(api.evaluation.get.queryOptions({ id }));
  const [verify, setVerify] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (q.isPending) return <Loading what="Loading the saved analysis" />;
  if (q.isError) return <QueryError error={q.error} what="The saved analysis" />;
  const run = q.data;
  // "As on screen": every figure the screen shows, rounded as it shows them; "for publication": counts of 1 to 4 withheld.
  const exportAs = async (format: "csv" | "xlsx", published = false) => {
    setProblem(null);
    try {
      const file = await client.evaluation.export.query({ id, format, published });
      downloadBase64(file);
    } catch (error) {
      setProblem(errorInfo(error).message);
    }
  };
  return (
    <section aria-labelledby="saved-run-heading">
      <ArrivalHeading className="govuk-heading-l" id="saved-run-heading">
        {run.title}
      </ArrivalHeading>
      <p className="govuk-body-s">
        Saved {formatDateTime(run.createdAt)} with {run.engineVersion}. Saved analyses cannot be changed.
      </p>
      {problem ? <ErrorSummary errors={[]} description={problem} /> : null}
      {verify ? <NotificationBanner heading={verify} /> : null}
      <div className="govuk-button-group">
        {auth.can("evaluation:export" as never) ? (
          <>
            <Button variant="secondary" onClick={() => void exportAs("csv")}>
              Download CSV (as on screen)
            </Button>
            <Button variant="secondary" onClick={() => void exportAs("xlsx")}>
              Download Excel (as on screen)
            </Button>
            <Button variant="secondary" onClick={() => void exportAs("csv", true)}>
              Download CSV for publication
            </Button>
          </>
        ) : null}
        {auth.can("evaluation:run" as never) ? (
          <Button
            variant="secondary"
            onClick={async () => {
              const r = await client.evaluation.verify.query({ id });
              setVerify(r.reproduced ? "Re-run on today's records: the same result." : `Re-run on today's records: the result has changed (saving then ${r.savingThen}, now ${r.savingNow}).`);
            }}
          >
            Re-check against today&apos;s records
          </Button>
        ) : null}
      </div>
      {auth.can("evaluation:export" as never) ? (
        <p className="govuk-body-s" data-testid="download-rule">
          The downloads &ldquo;as on screen&rdquo; hold the figures shown here, rounded the same way. The download for publication withholds counts of 1 to 4 children (shown as &ldquo;&lt;5&rdquo;) and any figure from which one could be worked out (&ldquo;[c]&rdquo;).
        </p>
      ) : null}
      <CostUsed cost={run.cost} />
      <AnalysisView result={run.result} cohortSizes={run.cohortSizes as never} exclusions={run.exclusions as never} />
    </section>
  );
}

