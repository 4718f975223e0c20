/** An audit template: its questions by section, answer scales and guidance. */
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { api } from "../../lib/trpc.js";
import { ANSWER_LABEL, SCALE_OPTIONS } from "./shared.js";

export default function AuditTemplatePage() {
  const { id = "" } = useParams();
  const q = useQuery(api.audits.templates.get.queryOptions({ id }));
  return (
    <Page title={q.data?.name ?? "Audit template"} caption="Case-file audit template">
      <p className="govuk-body">
        <Link className="govuk-link" to="/audits">
          Back to audits
        </Link>
      </p>
      {q.isPending ? (
        <Loading what="Loading the template" />
      ) : q.isError ? (
        <QueryError error={q.error} what="The audit template" />
      ) : (
        <>
          <p className="govuk-body">{q.data.description}</p>
          {[...new Set(q.data.questions.map((x) => x.section))].map((s) => (
            <section key={s}>
              <h2 className="govuk-heading-m">{s}</h2>
              <dl className="govuk-summary-list">
                {q.data.questions
                  .filter((x) => x.section === s)
                  .map((x) => (
                    <div className="govuk-summary-list__row" key={x.id}>
                      <dt className="govuk-summary-list__key">{x.text}</dt>
                      <dd className="govuk-summary-list__value">
                        <p className="govuk-body-s govuk-!-margin-bottom-1">{SCALE_OPTIONS[x.scale]!.map((v) => ANSWER_LABEL[v]).join(" / ")}</p>
                        {x.guidance ? <p className="govuk-hint govuk-!-margin-bottom-0">{x.guidance}</p> : null}
                      </dd>
                    </div>
                  ))}
              </dl>
            </section>
          ))}
        </>
      )}
    </Page>
  );
}
