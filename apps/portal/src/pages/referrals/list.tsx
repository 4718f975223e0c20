/**
 * A family's referrals with what the front door decided (outcome, no further
 * action, closing date), each linking to the page that records the outcome.
 */
import { NotificationBanner, Table, Tag } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { Link, useLocation, useParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { formatDay } from "../../lib/format.js";
import type { FamilyDetail } from "../../lib/shapes.js";
import { api } from "../../lib/trpc.js";
import { REFERRAL_SOURCES } from "./new.js";

/** The child's name as the family page shows it (restricted children are not named). */
export function childLabel(family: FamilyDetail | undefined, childId: string): string {
  const p = family?.people.find((x) => x.id === childId);
  if (!p) return "Child";
  return p.restricted ? "Restricted child" : `${p.firstName} ${p.lastName}`;
}

export const sourceLabel = (code: string) => REFERRAL_SOURCES.find((s) => s.value === code)?.label ?? code;

/**
 * A family and its referrals (asked for once the family has loaded), with the message a save left in the
 * location: what both the family page and this page start from.
 */
export function useFamilyWithReferrals(id: string) {
  const location = useLocation();
  const family = useQuery(api.families.get.queryOptions({ id }));
  const referrals = useQuery({ ...api.referrals.list.queryOptions({ familyId: id, limit: 100 }), enabled: family.isSuccess });
  const state = location.state as { saved?: string; notice?: string | null } | null;
  return { family, referrals, savedMessage: state?.saved, savedNotice: state?.notice ?? null };
}

export default function FamilyReferralsPage() {
  const { id = "" } = useParams();
  const auth = useAuth();
  const { family, referrals, savedMessage } = useFamilyWithReferrals(id);
  if (family.isPending) return <Loading what="Loading the family" />;
  if (family.isError) {
    return (
      <Page title="Referrals">
        <QueryError error={family.error} what="This family" />
      </Page>
    );
  }
  const f = family.data as FamilyDetail;
  const rows = [...(referrals.data?.items ?? [])].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Page title="Referrals and their outcomes" caption={`${f.name} (${f.reference})`}>
      {savedMessage ? <NotificationBanner type="success" heading={savedMessage} /> : null}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/families/${f.id}`}>
          Back to the family
        </Link>
      </p>
      {referrals.isPending ? (
        <Loading what="Loading referrals" />
      ) : referrals.isError ? (
        <QueryError error={referrals.error} what="Referrals" />
      ) : rows.length === 0 ? (
        <p className="govuk-body" data-testid="no-referrals">
          No referrals are recorded for this family.{" "}
          {auth.can("referrals:write") ? (
            <Link className="govuk-link" to={`/families/${f.id}/referrals/new`}>
              Record a referral
            </Link>
          ) : null}
        </p>
      ) : (
        <Table
          caption="Referrals, most recent first"
          captionSize="s"
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { header: "Child", cell: (r) => childLabel(f, r.childId) },
            { header: "Date", cell: (r) => formatDay(r.date) },
            { header: "Source", cell: (r) => sourceLabel(r.source) },
            { header: "Outcome", cell: (r) => (r.outcome ? r.outcome : <Tag colour="yellow">Not recorded</Tag>) },
            { header: "Closed", cell: (r) => (r.closedAt ? formatDay(r.closedAt) : "Open") },
            {
              header: "Action",
              cell: (r) =>
                auth.can("referrals:write") ? (
                  <Link className="govuk-link" to={`/referrals/${r.id}`}>
                    Record outcome<span className="govuk-visually-hidden"> for the referral of {formatDay(r.date)}</span>
                  </Link>
                ) : (
                  <Link className="govuk-link" to={`/referrals/${r.id}`}>
                    View<span className="govuk-visually-hidden"> the referral of {formatDay(r.date)}</span>
                  </Link>
                ),
            },
          ]}
        />
      )}
    </Page>
  );
}
