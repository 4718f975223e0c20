import { Details, InsetText, NotificationBanner, SummaryList, Table, Tag, WarningText } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { StatusTimeline, type TimelineEvent } from "../../components/timeline.js";
import { useAuth } from "../../lib/auth.js";
import { CHANNEL_LABEL, FAMILY_ROLE_LABEL, formatDay } from "../../lib/format.js";
import { AGENCY_LABEL } from "../../lib/agencies.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";
import type { FamilyDetail } from "../../lib/shapes.js";
import { useFamilyWithReferrals } from "../referrals/list.js";
import { AllocateWorker } from "./allocate.js";

type Family = FamilyDetail;
type Person = Family["people"][number];
type Referral = RouterOutputs["referrals"]["list"]["items"][number];

const today = () => new Date().toISOString().slice(0, 10);

function ChildTimeline({ child, referrals }: { child: Person; referrals: Referral[] }) {
  const episodes = useQuery(api.episodes.list.queryOptions({ childId: child.id }));
  const assessments = useQuery(api.assessments.list.queryOptions({ childId: child.id, limit: 100 }));
  const name = `${child.firstName} ${child.lastName}`;
  if (episodes.isPending) return <Loading what={`Loading the timeline for ${name}`} />;
  if (episodes.isError) return <QueryError error={episodes.error} what={`Status episodes for ${name}`} />;
  const aRows = assessments.data?.items ?? [];
  const events: TimelineEvent[] = [
    ...referrals
      .filter((r) => r.childId === child.id)
      .map((r) => ({ id: r.id, kind: "referral" as const, date: r.date, label: `Referral${r.domesticAbuse ? " (domestic abuse)" : ""}` })),
    ...aRows.map((a) => ({
      id: a.id,
      kind: "assessment" as const,
      date: a.startedAt,
      label: `${String(a.level) === "early_help" ? "Early Help" : "CIN"} assessment${a.timeliness.days !== null ? ` (${a.timeliness.days} days from allocation${a.timeliness.completed ? " to completion" : " so far"}, target ${a.timeliness.targetDays})` : ""}`,
    })),
  ];
  return (
    <>
      <h3 className="govuk-heading-s">{name}</h3>
      <StatusTimeline childName={name} episodes={episodes.data} events={events} today={today()} />
    </>
  );
}

/** Contact details and safe-contact preferences, or the barrier's refusal in plain words. */
function Contact({ person, familyId }: { person: Person; familyId: string }) {
  const auth = useAuth();
  const q = useQuery({ ...api.people.contact.get.queryOptions({ personId: person.id }), retry: false });
  const actions = (
    <ul className="govuk-list">
      {auth.can("contact:write") && !q.isError ? (
        <li>
          <Link className="govuk-link" to={`/people/${person.id}/contact?family=${familyId}`}>
            {q.data ? "Change contact details" : "Record contact details"}
            <span className="govuk-visually-hidden"> for {person.firstName} {person.lastName}</span>
          </Link>
        </li>
      ) : null}
      {auth.can("enrolments:refer") && (person.familyRole === "victim" || person.familyRole === "perpetrator" || person.familyRole === "parent_carer") ? (
        <li>
          <Link className="govuk-link" to={`/people/${person.id}/refer?family=${familyId}`}>
            Refer into a group<span className="govuk-visually-hidden"> {person.firstName} {person.lastName}</span>
          </Link>
        </li>
      ) : null}
      {auth.can("links:read") ? (
        <li>
          <Link className="govuk-link" to={`/people/${person.id}/links?family=${familyId}`}>
            Domestic-abuse links<span className="govuk-visually-hidden"> of {person.firstName} {person.lastName}</span>
          </Link>
        </li>
      ) : null}
    </ul>
  );
  if (q.isPending) return <Loading what="Loading contact details" />;
  if (q.isError) {
    const info = errorInfo(q.error);
    if (info.code === "NOT_FOUND" || info.code === "FORBIDDEN") {
      // A barred record answers exactly like a missing one: say what the worker can do, not why.
      return (
        <div data-testid="contact-withheld">
          <WarningText>Contact details are not available to you.</WarningText>
          <p className="govuk-body">
            Some people&apos;s address, phone and safe-contact preferences are kept from staff working with someone they need protecting from. If a child is at risk, a manager can
            record a time-limited safeguarding override.
          </p>
          {actions}
        </div>
      );
    }
    return <QueryError error={q.error} what="Contact details" />;
  }
  const c = q.data;
  if (!c)
    return (
      <>
        <p className="govuk-body">No contact details recorded.</p>
        {actions}
      </>
    );
  const yesNo = (v: boolean | null) => (v === null ? "Not recorded" : v ? "Yes" : "No");
  return (
    <>
      {c.addressWithheld ? <InsetText>{c.addressWithheld}</InsetText> : null}
      <SummaryList
        rows={[
          { key: "Address", value: c.addressWithheld ? "Withheld" : [c.addressLine1, c.addressLine2, c.town, c.postcode].filter(Boolean).join(", ") || "Not recorded" },
          { key: "Phone", value: c.phone ?? "Not recorded" },
          { key: "Email", value: c.email ?? "Not recorded" },
          { key: "Safe to call", value: yesNo(c.safeToCall) },
          { key: "Safe times", value: c.safeTimes ?? "Not recorded" },
          { key: "Preferred channel", value: c.preferredChannel ? (CHANNEL_LABEL[c.preferredChannel] ?? c.preferredChannel) : "Not recorded" },
          { key: "Unsafe people", value: c.unsafePeople.length ? c.unsafePeople.join("; ") : "None recorded" },
          { key: "Confidentiality", value: c.confidentiality === "normal" ? "Normal" : <Tag colour="red">{c.confidentiality}</Tag> },
        ]}
      />
      {actions}
    </>
  );
}

const CONSENT_PURPOSE: Record<string, string> = { hub_multi_agency: "Hub multi-agency work", programme_referral: "Referral to a programme", onward_referral: "Onward referral", evaluation: "Evaluation" };

function Consent({ familyId, people }: { familyId: string; people: Person[] }) {
  const q = useQuery(api.consent.list.queryOptions({ familyId, limit: 100 }));
  if (q.isPending) return <Loading what="Loading consent" />;
  if (q.isError) return <QueryError error={q.error} what="Consent to share" />;
  const rows = q.data.items;
  if (rows.length === 0) return <p className="govuk-body">No consent to share is recorded for this family.</p>;
  const name = (id: string) => {
    const p = people.find((x) => x.id === id);
    return p ? (p.restricted ? "Restricted person" : `${p.firstName} ${p.lastName}`) : "Person";
  };
  return (
    <Table
      caption="Consent to share, per person, purpose and agency"
      captionSize="s"
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { header: "Person", cell: (r) => name(r.personId) },
        { header: "Purpose", cell: (r) => CONSENT_PURPOSE[String(r.purpose)] ?? String(r.purpose) },
        { header: "Recipient", cell: (r) => AGENCY_LABEL[r.recipientAgency as keyof typeof AGENCY_LABEL] ?? String(r.recipientAgency) },
        { header: "Decision", cell: (r) => <Tag colour={r.status === "given" ? "green" : r.status === "refused" ? "red" : "grey"}>{String(r.status)}</Tag> },
        { header: "Decided", cell: (r) => formatDay(r.decidedAt) },
        { header: "In force now", cell: (r) => (r.inForce ? "Yes" : `No (${String(r.state).replace(/_/g, " ")})`) },
      ]}
    />
  );
}

function RecordLinks({ familyId }: { familyId: string }) {
  const auth = useAuth();
  const links = [
    auth.can("referrals:write") ? { to: `/families/${familyId}/referrals/new`, text: "Record a referral" } : null,
    auth.can("referrals:read") ? { to: `/families/${familyId}/referrals`, text: "Referrals and outcomes" } : null,
    auth.can("assessments:write") ? { to: `/families/${familyId}/assessments/new`, text: "Record an assessment" } : null,
  ].filter((l): l is { to: string; text: string } => l !== null);
  if (links.length === 0) return null;
  return (
    <div className="govuk-button-group">
      {links.map((l) => (
        <Link key={l.to} className="govuk-button govuk-button--secondary" to={l.to}>
          {l.text}
        </Link>
      ))}
    </div>
  );
}

/** The family's assessments with days from allocation to completion against the target (from the core, through the API). */
function Assessments({ familyId, people }: { familyId: string; people: Person[] }) {
  const auth = useAuth();
  const q = useQuery({ ...api.assessments.list.queryOptions({ familyId, limit: 100 }), enabled: auth.can("assessments:read") });
  if (!auth.can("assessments:read")) return null;
  if (q.isPending) return <Loading what="Loading assessments" />;
  if (q.isError) return <QueryError error={q.error} what="Assessments" />;
  if (q.data.items.length === 0) return <p className="govuk-body">No assessments are recorded for this family.</p>;
  const name = (id: string) => {
    const p = people.find((x) => x.id === id);
    return p ? (p.restricted ? "Restricted child" : `${p.firstName} ${p.lastName}`) : "Child";
  };
  return (
    <Table
      caption="Assessments: days from allocation to completion"
      captionSize="s"
      rows={q.data.items}
      rowKey={(a) => a.id}
      columns={[
        { header: "Child", cell: (a) => name(a.childId) },
        { header: "Level", cell: (a) => (a.level === "EARLY_HELP" ? "Early Help" : "CIN") },
        { header: "Allocated", cell: (a) => formatDay(a.allocatedAt) },
        { header: "Completed", cell: (a) => (a.completedAt ? formatDay(a.completedAt) : "In progress") },
        {
          header: "Days (target)",
          cell: (a) =>
            a.timeliness.days === null ? (
              "–"
            ) : (
              <Tag colour={a.timeliness.overdue ? "red" : a.timeliness.completed ? (a.timeliness.withinTarget ? "green" : "orange") : "grey"}>
                {`${a.timeliness.days}${a.timeliness.completed ? "" : " so far"} (${a.timeliness.targetDays})${a.timeliness.overdue ? " overdue" : ""}`}
              </Tag>
            ),
        },
      ]}
    />
  );
}

export default function FamilyPage() {
  const { id = "" } = useParams();
  const auth = useAuth();
  const { family, referrals, savedMessage, savedNotice } = useFamilyWithReferrals(id);
  if (family.isPending) return <Loading what="Loading the family" />;
  if (family.isError) {
    return (
      <Page title="Family">
        <QueryError error={family.error} what="This family" />
      </Page>
    );
  }
  const f = family.data as FamilyDetail;
  const children = f.people.filter((p) => p.kind === "child");
  const adults = f.people.filter((p) => p.kind !== "child");
  return (
    <Page
      title={f.name}
      caption={`Family ${f.reference}`}
      actions={
        auth.can("families:write") ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/families/${f.id}/edit`}>
              Change family details
            </Link>
          </p>
        ) : null
      }
    >
      {savedMessage ? (
        <NotificationBanner type="success" heading={savedMessage}>
          {savedNotice ? <p className="govuk-body">{savedNotice}</p> : null}
        </NotificationBanner>
      ) : null}
      <SummaryList
        rows={[
          { key: "Reference", value: f.reference },
          { key: "Opened", value: formatDay(f.openedAt) },
          { key: "Status", value: f.closedAt ? <Tag colour="grey">Closed {formatDay(f.closedAt)}</Tag> : <Tag colour="green">Open</Tag> },
          { key: "Allocated workers", value: f.allocations.length ? `${f.allocations.length} (${f.allocations.filter((a) => a.lead).length} lead)` : "None" },
        ]}
      />
      {auth.can("allocations:write") ? <AllocateWorker family={f} /> : null}

      <h2 className="govuk-heading-m">People</h2>
      {auth.can("people:write") ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/families/${f.id}/people/new`}>
            Add a person to this family
          </Link>
        </p>
      ) : null}
      {f.people.length === 0 ? (
        <p className="govuk-body">No people are recorded in this family yet.</p>
      ) : (
        <Table
          caption="People in this family"
          captionSize="s"
          rows={f.people}
          rowKey={(p) => p.id}
          columns={[
            { header: "Name", cell: (p) => (p.restricted ? "*******" : `${p.firstName} ${p.lastName}`) },
            { header: "Role in family", cell: (p) => FAMILY_ROLE_LABEL[p.familyRole] ?? p.familyRole },
            { header: "Date of birth", cell: (p) => formatDay(p.birthDate) },
            { header: "Reference", cell: (p) => p.reference },
            {
              header: "Questionnaires",
              cell: (p) =>
                p.restricted ? null : (
                  <Link className="govuk-link" to={`/people/${p.id}/questionnaires`}>
                    Questionnaires<span className="govuk-visually-hidden"> for {p.firstName} {p.lastName}</span>
                  </Link>
                ),
            },
          ]}
        />
      )}

      <h2 className="govuk-heading-m">Referrals and assessments</h2>
      <RecordLinks familyId={f.id} />
      <Assessments familyId={f.id} people={f.people} />

      <h2 className="govuk-heading-m">Children&apos;s timelines</h2>
      {children.length === 0 ? (
        <p className="govuk-body">No children are recorded in this family.</p>
      ) : referrals.isError ? (
        <QueryError error={referrals.error} what="Referrals" />
      ) : (
        children.map((c) => <ChildTimeline key={c.id} child={c} referrals={referrals.data?.items ?? []} />)
      )}

      <h2 className="govuk-heading-m">Consent to share</h2>
      <Consent familyId={f.id} people={f.people} />
      <p className="govuk-body">
        <Link className="govuk-link" to={`/families/${f.id}/consent`}>
          {auth.can("consent:write") ? "Record or withdraw consent" : "Consent details"}
        </Link>
      </p>

      <h2 className="govuk-heading-m" id="contact">
        Contact details and safe contact
      </h2>
      <InsetText>Contact details are shown only to staff the information barrier allows. Every view is recorded in the audit log.</InsetText>
      {auth.can("override:write") ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/families/${f.id}/overrides`}>
            Record or revoke a safeguarding override
          </Link>{" "}
          ·{" "}
          <Link className="govuk-link" to="/overrides/review">
            Review overrides and what was read
          </Link>
        </p>
      ) : null}
      {adults.length === 0 ? (
        <p className="govuk-body">No adults are recorded in this family.</p>
      ) : (
        adults.map((p) => (
          <Details key={p.id} summary={`${p.restricted ? "Restricted person" : `${p.firstName} ${p.lastName}`} (${FAMILY_ROLE_LABEL[p.familyRole] ?? p.familyRole})`} open>
            <Contact person={p} familyId={f.id} />
          </Details>
        ))
      )}
    </Page>
  );
}
