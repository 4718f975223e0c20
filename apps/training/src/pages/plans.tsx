import { NotificationBanner, Table, WarningText } from "@evident/ui";
import { Link, useLocation } from "react-router";
import { ProgrammeBriefings } from "../components/briefings.js";
import { useAuth } from "../lib/auth.js";
import { useQuery } from "@tanstack/react-query";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { api } from "../lib/trpc.js";

export default function PlansPage() {
  const q = useQuery(api.training.plans.list.queryOptions());
  const auth = useAuth();
  const saved = (useLocation().state as { saved?: string } | null)?.saved;
  return (
    <Page title="Onboarding plans">
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      <p className="govuk-body">When someone joins, their job role&apos;s plan is assigned to them, each item due a number of days after their start date. A change of role adds what the new role needs.</p>
      {q.isPending ? <Loading /> : q.isError ? <QueryError error={q.error} what="Onboarding plans" /> : (
        q.data.map((r) => (
          <section key={r.role} aria-labelledby={`plan-${r.role}`}>
            <h2 className="govuk-heading-m" id={`plan-${r.role}`}>
              {r.roleLabel}
            </h2>
            {r.plan ? (
              <>
                <p className="govuk-body-s govuk-hint">{r.plan.name}</p>
                {auth.can("training:write") ? (
                  <p className="govuk-body">
                    <Link className="govuk-link" to={`/plans/${r.role}/edit`}>
                      Change this plan<span className="govuk-visually-hidden">: {r.roleLabel}</span>
                    </Link>
                  </p>
                ) : null}
                {r.gaps.length > 0 ? <WarningText>This plan does not include required courses: {r.gaps.map((g) => g.title).join(", ")}.</WarningText> : null}
                <Table
                  rows={r.plan.items}
                  rowKey={(i) => i.id}
                  columns={[
                    { header: "Module or course", cell: (i) => i.title },
                    { header: "Type", cell: (i) => (i.kind === "module" ? "E-learning module" : "Course") },
                    { header: "Due within", numeric: true, cell: (i) => `${i.dueWithinDays} days` },
                  ]}
                />
              </>
            ) : (
              <p className="govuk-body">No plan for this role.</p>
            )}
          </section>
        ))
      )}
      <ProgrammeBriefings />
    </Page>
  );
}
