/**
 * Hub cases: the list, and a case page with the 16-week plan and its progress
 * (from the API, computed by @evident/core), visits, the three
 * team-around-the-family meetings (initial, mid-point, closure) with the
 * agencies present and the actions agreed, and the step-down plan.
 */
import { AGENCIES, HUB_CASE_STATUS_LABELS } from "@evident/core";
import { Button, Checkboxes, Details, DateInput, ErrorSummary, Input, NotificationBanner, Radios, Select, SummaryList, Table, Tag, WarningText } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { DraftOfferBanner, useDraft } from "@evident/ui";
import { formatDateTime, formatDay } from "../../lib/format.js";
import { api, client, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type HubCase = RouterOutputs["hub"]["get"];
type HubMeeting = HubCase["meetings"][number];
type Kind = "initial" | "mid_point" | "closure";
import { AGENCY_LABEL, type Agency } from "../../lib/agencies.js";
import { CloseCase, PlanWeeks, StepDown, Visits } from "./record.js";
import { ActionDoneButton, type MeetingActionRow } from "./actions.js";
import { AgencyInvolvements } from "./agencies.js";

const KIND_LABEL: Record<Kind, string> = { initial: "Initial meeting", mid_point: "Mid-point review", closure: "Closure meeting" };
const agencyName = (a: string) => AGENCY_LABEL[a as Agency] ?? a;

function OpenHubCase() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const families = useQuery(api.families.list.queryOptions({ open: true, limit: 100 }));
  const create = useMutation(api.hub.create.mutationOptions());
  const [familyId, setFamilyId] = useState("");
  const [startDate, setStartDate] = useState("");
  const [errors, setErrors] = useState<{ href: string; text: string }[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = [];
    if (!familyId) found.push({ href: "hub-family", text: "Select the family" });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) found.push({ href: "hub-start", text: "Enter the start of the 16-week plan, for example 27 3 2025" });
    setErrors(found);
    setProblem(null);
    if (found.length) return;
    try {
      const created = await create.mutateAsync({ familyId, startDate, weeks: 16 });
      await queryClient.invalidateQueries({ queryKey: api.hub.pathKey() });
      navigate(`/hub/${created.id}`);
    } catch (error) {
      const info = errorInfo(error);
      setProblem(info.code === "INTERNAL_SERVER_ERROR" ? `The hub case could not be opened. Reference ${info.requestId ?? "unknown"}.` : info.message);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Open a hub case">
      <ErrorSummary errors={errors} description={problem ?? undefined} />
      <Select
        id="hub-family"
        label="Family"
        error={errors.find((x) => x.href === "hub-family")?.text}
        value={familyId}
        onChange={(e) => setFamilyId(e.target.value)}
        options={[{ value: "", label: families.isPending ? "Loading…" : "Select a family" }, ...(families.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.name} (${f.reference})` }))]}
      />
      <DateInput id="hub-start" legend="Start of the 16-week plan" error={errors.find((x) => x.href === "hub-start")?.text} value={startDate} onChange={setStartDate} />
      <Button type="submit" disabled={create.isPending}>
        Open hub case
      </Button>
    </form>
  );
}

function HubList() {
  const auth = useAuth();
  const q = useQuery(api.hub.list.queryOptions({ limit: 100 }));
  return (
    <Page title="Hub cases" caption="Innovation Hub">
      <p className="govuk-body">Multi-agency work with families below the child-protection threshold: a lead worker, weekly visits for up to 16 weeks, and three team-around-the-family meetings.</p>
      {q.isPending ? (
        <Loading what="Loading hub cases" />
      ) : q.isError ? (
        <QueryError error={q.error} what="Hub cases" />
      ) : q.data.items.length === 0 ? (
        <p className="govuk-body">There are no hub cases to show.</p>
      ) : (
        <Table
          caption="Hub cases"
          captionSize="s"
          rows={q.data.items}
          rowKey={(c) => c.id}
          columns={[
            { header: "Family", cell: (c) => <Link className="govuk-link" to={`/hub/${c.id}`}>{(c.family as { name: string }).name}</Link> },
            { header: "Lead worker", cell: (c) => (c.leadWorker as { name: string } | null)?.name ?? "" },
            { header: "Started", cell: (c) => formatDay(c.startDate) },
            { header: "Planned end", cell: (c) => formatDay(c.plannedEndDate) },
            { header: "Status", cell: (c) => <Tag colour={c.status === "open" ? "green" : "grey"}>{HUB_CASE_STATUS_LABELS[c.status as keyof typeof HUB_CASE_STATUS_LABELS] ?? String(c.status)}</Tag> },
          ]}
        />
      )}
      {auth.can("hub:write") ? (
        <Details summary="Open a hub case for a family">
          <OpenHubCase />
        </Details>
      ) : null}
    </Page>
  );
}

function Meeting({ m, canWrite, onSaved }: { m: HubMeeting; canWrite: boolean; onSaved: (text: string, ok: boolean) => void }) {
  const kind = m.kind as Kind;
  const agencies = m.agencies as { agency: string; attendee: string | null; attended: boolean }[];
  const actions = m.actions as unknown as MeetingActionRow[];
  return (
    <section className="govuk-!-margin-bottom-6" aria-label={KIND_LABEL[kind]} data-testid={`meeting-${kind}`}>
      <h3 className="govuk-heading-s">
        {KIND_LABEL[kind]} – {formatDateTime(m.at as unknown as string)} {m.held ? null : <Tag colour="grey">Not held</Tag>}
      </h3>
      <p className="govuk-body">
        <strong>Agencies present:</strong> {agencies.filter((a) => a.attended).map((a) => agencyName(a.agency)).join(", ") || "None recorded"}
        {agencies.some((a) => !a.attended) ? `. Invited but absent: ${agencies.filter((a) => !a.attended).map((a) => agencyName(a.agency)).join(", ")}` : ""}
      </p>
      {actions.length ? (
        <Table
          caption={`Actions agreed at the ${KIND_LABEL[kind].toLowerCase()}`}
          captionSize="s"
          rows={actions}
          rowKey={(a) => a.id}
          columns={[
            { header: "Action", cell: (a) => a.description },
            { header: "Owner", cell: (a) => (a.ownerAgency ? agencyName(a.ownerAgency) : a.ownerStaffId ? "Member of staff" : "") },
            { header: "Due", cell: (a) => formatDay(a.dueDate) },
            { header: "Status", cell: (a) => (a.done ? <Tag colour="green">{`Done${a.doneAt ? ` ${formatDay(a.doneAt.slice(0, 10))}` : ""}`}</Tag> : <Tag colour="yellow">Open</Tag>) },
            ...(canWrite ? [{ header: "Action", cell: (a: MeetingActionRow) => <ActionDoneButton a={a} onDone={onSaved} /> }] : []),
          ]}
        />
      ) : (
        <p className="govuk-body">No actions recorded.</p>
      )}
    </section>
  );
}

interface MeetingDraft {
  kind: string;
  at: string;
  agencies: string[];
  actions: { description: string; owner: string; due: string }[];
}

function RecordMeeting({ hubCase, onSaved }: { hubCase: HubCase; onSaved: (kind: Kind) => void }) {
  const key = `hub-meeting:${hubCase.id}`;
  const empty: MeetingDraft = { kind: "", at: "", agencies: [], actions: [{ description: "", owner: "", due: "" }] };
  const [v, setV] = useState<MeetingDraft>(empty);
  const changed = JSON.stringify(v) !== JSON.stringify(empty);
  const draft = useDraft<MeetingDraft>(key, { changed, restore: setV });
  const { keep } = draft;
  useEffect(() => {
    if (changed) keep(v);
  }, [v, changed, keep]);
  const [errors, setErrors] = useState<{ href: string; text: string }[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation(api.hub.meetings.create.mutationOptions());
  const err = (id: string) => errors.find((e) => e.href === id)?.text;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: { href: string; text: string }[] = [];
    if (!v.kind) found.push({ href: "meeting-kind", text: "Select which meeting this is" });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.at)) found.push({ href: "meeting-at", text: "Enter the date of the meeting, for example 27 3 2019" });
    if (v.agencies.length === 0) found.push({ href: "meeting-agencies", text: "Select the agencies present" });
    v.actions.forEach((a, i) => {
      if (a.description.trim() && !a.owner) found.push({ href: `action-${i}-owner`, text: `Select who will do action ${i + 1}` });
    });
    setErrors(found);
    setProblem(null);
    if (found.length) return;
    try {
      const meeting = await create.mutateAsync({
        hubCaseId: hubCase.id,
        kind: v.kind as Kind,
        at: `${v.at}T10:00:00.000Z`,
        held: true,
        agencies: v.agencies.map((agency) => ({ agency: agency as Agency, attended: true })),
      });
      for (const a of v.actions.filter((x) => x.description.trim())) {
        await client.hub.actions.create.mutate({ meetingId: meeting.id, description: a.description.trim(), ownerAgency: a.owner as Agency, ...(/^\d{4}-\d{2}-\d{2}$/.test(a.due) ? { dueDate: a.due } : {}) });
      }
      draft.saved();
      setV(empty);
      onSaved(v.kind as Kind);
    } catch (error) {
      draft.keepNow(v);
      const info = errorInfo(error);
      setProblem(`${info.code === "INTERNAL_SERVER_ERROR" || !info.code ? `The meeting could not be saved (reference ${info.requestId ?? "unknown"})` : info.message}. What you typed is kept on this device.`);
    }
  };
  const agencyOptions = [{ value: "", label: "Select an agency" }, ...AGENCIES.map((a) => ({ value: a, label: AGENCY_LABEL[a] }))];
  return (
    <form noValidate onSubmit={submit} aria-label="Record a meeting">
      <ErrorSummary errors={errors} description={problem ?? undefined} />
      <DraftOfferBanner offer={draft.offer} />
      <Radios
        id="meeting-kind"
        legend="Which meeting?"
        error={err("meeting-kind")}
        items={(["initial", "mid_point", "closure"] as const).filter((k) => !hubCase.meetings.some((m) => m.kind === k)).map((k) => ({ value: k, label: KIND_LABEL[k] }))}
        inputProps={{ name: "kind", onChange: (e) => setV({ ...v, kind: e.target.value }) }}
      />
      <DateInput id="meeting-at" legend="Date of the meeting" error={err("meeting-at")} value={v.at} onChange={(at) => setV({ ...v, at })} />
      <Checkboxes
        id="meeting-agencies"
        legend="Agencies present"
        error={err("meeting-agencies")}
        small
        items={AGENCIES.map((a) => ({ value: a, label: AGENCY_LABEL[a] }))}
        inputProps={{ name: "agencies", onChange: (e) => setV({ ...v, agencies: e.target.checked ? [...v.agencies, e.target.value] : v.agencies.filter((x) => x !== e.target.value) }) }}
      />
      <h3 className="govuk-heading-s">Actions agreed</h3>
      {v.actions.map((a, i) => (
        <div key={i} className="govuk-!-margin-bottom-4">
          <Input id={`action-${i}`} label={`Action ${i + 1}`} value={a.description} onChange={(e) => setV({ ...v, actions: v.actions.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)) })} />
          <Select
            id={`action-${i}-owner`}
            label={`Who will do action ${i + 1}`}
            error={err(`action-${i}-owner`)}
            options={agencyOptions}
            value={a.owner}
            onChange={(e) => setV({ ...v, actions: v.actions.map((x, j) => (j === i ? { ...x, owner: e.target.value } : x)) })}
          />
        </div>
      ))}
      <div className="govuk-button-group">
        <Button variant="secondary" onClick={() => setV({ ...v, actions: [...v.actions, { description: "", owner: "", due: "" }] })}>
          Add another action
        </Button>
        <Button type="submit" disabled={create.isPending}>
          Save meeting
        </Button>
      </div>
    </form>
  );
}

function HubCasePage({ id }: { id: string }) {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const q = useQuery(api.hub.get.queryOptions({ id }));
  if (q.isPending) return <Loading what="Loading the hub case" />;
  if (q.isError) {
    return (
      <Page title="Hub case">
        <QueryError error={q.error} what="This hub case" />
      </Page>
    );
  }
  const c = q.data;
  const p = c.progress;
  const family = c.family as { name: string; reference: string };
  const steps = c.stepDownPlans as { id: string; agreedAt: string; toService: string; reviewDate: string | null }[];
  return (
    <Page title={family.name} caption={`Hub case, family ${family.reference}`}>
      {saved ? <NotificationBanner type="success" heading={saved} /> : null}
      {failed ? <ErrorSummary errors={[]} description={failed} /> : null}
      <SummaryList
        rows={[
          { key: "Lead worker", value: (c.leadWorker as { name: string } | null)?.name ?? "Not recorded" },
          { key: "Started", value: formatDay(c.startDate) },
          { key: "Planned end", value: `${formatDay(c.plannedEndDate)} (${p.weeksPlanned} weeks)` },
          { key: "Status", value: <Tag colour={c.status === "open" ? "green" : "grey"}>{HUB_CASE_STATUS_LABELS[c.status as keyof typeof HUB_CASE_STATUS_LABELS] ?? String(c.status)}</Tag> },
          { key: "Plan progress", value: `Week ${p.week} of ${p.weeksPlanned}; ${p.visitsRecorded} visits recorded` },
          { key: "Step-down", value: steps.map((s) => `${s.toService} (agreed ${formatDay(s.agreedAt)})`).join("; ") || "No step-down plan yet" },
        ]}
      />
      {p.weeksWithoutVisit.length ? <WarningText>No visit recorded in week{p.weeksWithoutVisit.length === 1 ? "" : "s"} {p.weeksWithoutVisit.join(", ")} of the plan.</WarningText> : null}
      <h2 className="govuk-heading-m">The {p.weeksPlanned}-week plan</h2>
      <PlanWeeks c={c} />
      <h2 className="govuk-heading-m">Weekly visits</h2>
      <Visits c={c} canWrite={auth.can("hub:write")} onSaved={(t) => { setSaved(t); window.scrollTo(0, 0); }} />
      <h2 className="govuk-heading-m">Team-around-the-family meetings</h2>
      {(["initial", "mid_point", "closure"] as const).map((k) => {
        const m = c.meetings.find((x) => x.kind === k);
        return m ? (
          <Meeting
            key={k}
            m={m}
            canWrite={auth.can("hub:write")}
            onSaved={(text, ok) => {
              setSaved(ok ? text : null);
              setFailed(ok ? null : text);
            }}
          />
        ) : (
          <p className="govuk-body" key={k}>
            <strong>{KIND_LABEL[k]}:</strong> not recorded yet.
          </p>
        );
      })}
      {auth.can("hub:write") && c.meetings.length < 3 ? (
        <>
          <h2 className="govuk-heading-m">Record a meeting</h2>
          <RecordMeeting
            key={c.meetings.length}
            hubCase={c}
            onSaved={(kind) => {
              setSaved(`${KIND_LABEL[kind]} recorded`);
              void queryClient.invalidateQueries({ queryKey: api.hub.pathKey() });
            }}
          />
        </>
      ) : null}
      <h2 className="govuk-heading-m">Agencies involved</h2>
      <AgencyInvolvements c={c} canWrite={auth.can("hub:write")} onSaved={(t) => { setSaved(t); setFailed(null); window.scrollTo(0, 0); }} />
      <h2 className="govuk-heading-m">Step-down plan</h2>
      <StepDown c={c} canWrite={auth.can("hub:write")} onSaved={(t) => { setSaved(t); window.scrollTo(0, 0); }} />
      {auth.can("hub:write") ? (
        <>
          <h2 className="govuk-heading-m">{c.status === "open" ? "End the case" : "After the case"}</h2>
          <CloseCase c={c} onSaved={(t) => { setSaved(t); window.scrollTo(0, 0); }} />
        </>
      ) : null}
    </Page>
  );
}

export default function HubPage() {
  const { id } = useParams();
  return id ? <HubCasePage id={id} /> : <HubList />;
}
