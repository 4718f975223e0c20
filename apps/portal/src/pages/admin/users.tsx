/**
 * Accounts (administrators): invite a person with a name, role and team (they
 * get an email with a one-time link to set a password), and list, search and
 * filter accounts; per account: send the invitation again, revoke it, change
 * role or team, disable or re-enable, unlock, sign out everywhere.
 */
import { Button, ErrorSummary, Input, NotificationBanner, ROLE_LABEL, Select, Table, Tag } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { api, client, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type Account = RouterOutputs["admin"]["users"]["list"]["items"][number];
type Status = "" | "invited" | "active" | "disabled";
const ROLES = ["practitioner", "manager", "dv_worker", "trainer", "analyst", "staff", "admin"] as const;
const STATUS_TAG = { invited: "yellow", active: "green", disabled: "grey" } as const;

export default function UsersPage() {
  const [status, setStatus] = useState<Status>("");
  const [search, setSearch] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const teams = useQuery(api.admin.teams.list.queryOptions());
  const list = useQuery(api.admin.users.list.queryOptions({ limit: 100, ...(status ? { status } : {}), ...(search.trim() ? { search: search.trim() } : {}) }));

  async function act(what: string, work: () => Promise<unknown>) {
    setMessage(null);
    setProblem(null);
    try {
      await work();
      setMessage(what);
      await queryClient.invalidateQueries();
    } catch (error) {
      setProblem(errorInfo(error).message);
    }
  }

  const teamOptions = [{ value: "", label: "No team" }, ...(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))];
  const actions = (u: Account) => (
    <div className="govuk-button-group" style={{ marginBottom: 0 }}>
      {u.status === "invited" ? (
        <>
          <Button variant="secondary" onClick={() => void act(`Invitation sent again to ${u.email}`, () => client.admin.users.resendInvite.mutate({ userId: u.id }))}>
            Send again<span className="govuk-visually-hidden"> to {u.email}</span>
          </Button>
          <Button variant="warning" onClick={() => void act(`Invitation to ${u.email} revoked`, () => client.admin.users.revokeInvite.mutate({ userId: u.id }))}>
            Revoke<span className="govuk-visually-hidden"> invitation to {u.email}</span>
          </Button>
        </>
      ) : null}
      {u.status === "active" ? (
        <>
          <Button variant="secondary" onClick={() => void act(`${u.email} can sign in again`, () => client.admin.users.unlock.mutate({ userId: u.id }))}>
            Unlock<span className="govuk-visually-hidden"> {u.email}</span>
          </Button>
          <Button variant="secondary" onClick={() => void act(`${u.email} is signed out everywhere`, () => client.admin.users.signOutEverywhere.mutate({ userId: u.id }))}>
            Sign out everywhere<span className="govuk-visually-hidden"> {u.email}</span>
          </Button>
        </>
      ) : null}
      {u.status === "disabled" ? (
        <Button variant="secondary" onClick={() => void act(`${u.email} is enabled`, () => client.admin.users.disable.mutate({ userId: u.id, disabled: false }))}>
          Re-enable<span className="govuk-visually-hidden"> {u.email}</span>
        </Button>
      ) : u.status === "active" ? (
        <Button variant="warning" onClick={() => void act(`${u.email} is disabled`, () => client.admin.users.disable.mutate({ userId: u.id, disabled: true }))}>
          Disable<span className="govuk-visually-hidden"> {u.email}</span>
        </Button>
      ) : null}
    </div>
  );

  return (
    <Page title="Staff accounts" caption="Administration">
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/teams">
          Teams
        </Link>{" "}
        ·{" "}
        <Link className="govuk-link" to="/admin/outbox">
          Email outbox
        </Link>{" "}
        ·{" "}
        <Link className="govuk-link" to="/admin/audit">
          Audit log
        </Link>
      </p>
      {message ? <NotificationBanner type="success" heading={message} /> : null}
      <ErrorSummary errors={[]} description={problem ?? undefined} />
      <InviteForm teamOptions={teamOptions} onDone={(m) => act(m, async () => undefined)} />
      <h2 className="govuk-heading-m">Accounts</h2>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <Input id="search" label="Search by name or email" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="govuk-grid-column-one-half">
          <Select
            id="status"
            label="Show"
            value={status}
            onChange={(e) => setStatus(e.target.value as Status)}
            options={[
              { value: "", label: "All accounts" },
              { value: "invited", label: "Invited (no password yet)" },
              { value: "active", label: "Active" },
              { value: "disabled", label: "Disabled" },
            ]}
          />
        </div>
      </div>
      {list.isPending ? (
        <Loading what="Loading accounts" />
      ) : list.isError ? (
        <QueryError error={list.error} what="Accounts" />
      ) : (
        <Table<Account>
          caption="Accounts"
          captionSize="s"
          rows={list.data.items}
          rowKey={(u) => u.id}
          columns={[
            { header: "Name", cell: (u) => <span data-testid={`account-${u.email}`}>{u.name}</span> },
            { header: "Email", cell: (u) => u.email },
            {
              header: "Role",
              cell: (u) => (
                <select className="govuk-select" aria-label={`Role of ${u.email}`} value={u.role} onChange={(e) => void act(`Role of ${u.email} changed`, () => client.admin.users.setRole.mutate({ userId: u.id, role: e.target.value as (typeof ROLES)[number] }))}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
              ),
            },
            {
              header: "Team",
              cell: (u) => (
                <select className="govuk-select" aria-label={`Team of ${u.email}`} value={u.teamId ?? ""} onChange={(e) => void act(`${u.email} moved`, () => client.admin.users.setTeam.mutate({ userId: u.id, teamId: e.target.value || null }))}>
                  {teamOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ),
            },
            { header: "Status", cell: (u) => <Tag colour={STATUS_TAG[u.status]}>{u.status === "invited" ? (u.linkPending ? "Invited" : "Invitation expired") : u.status === "active" ? "Active" : "Disabled"}</Tag> },
            { header: "Actions", cell: actions },
          ]}
        />
      )}
    </Page>
  );
}

function InviteForm({ teamOptions, onDone }: { teamOptions: { value: string; label: string }[]; onDone: (message: string) => Promise<void> }) {
  const invite = useMutation(api.admin.users.invite.mutationOptions());
  const [errors, setErrors] = useState<{ href: string; text: string }[]>([]);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const input = { email: String(data.get("email") ?? "").trim(), name: String(data.get("name") ?? "").trim(), role: String(data.get("role")) as (typeof ROLES)[number], teamId: String(data.get("teamId") ?? "") || null };
    const found: { href: string; text: string }[] = [];
    if (!input.name) found.push({ href: "#invite-name", text: "Enter the person's name" });
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) found.push({ href: "#invite-email", text: "Enter an email address in the correct format, like name@example.org" });
    setErrors(found);
    if (found.length > 0) return;
    try {
      await invite.mutateAsync(input);
      form.reset();
      await onDone(`Invitation sent to ${input.email}`);
    } catch (error) {
      const info = errorInfo(error);
      setErrors([{ href: info.message.includes("email") ? "#invite-email" : "#invite-name", text: info.message }]);
    }
  }
  const err = (id: string) => errors.find((x) => x.href === `#${id}`)?.text;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="invite-heading">
      <h2 className="govuk-heading-m" id="invite-heading">
        Invite a person
      </h2>
      <ErrorSummary errors={errors} />
      <Input id="invite-name" name="name" label="Full name" autoComplete="off" error={err("invite-name")} />
      <Input id="invite-email" name="email" label="Email address" type="email" spellCheck={false} autoComplete="off" error={err("invite-email")} />
      <Select id="invite-role" name="role" label="Role" defaultValue="practitioner" options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] ?? r }))} />
      <Select id="invite-team" name="teamId" label="Team" options={teamOptions} />
      <Button type="submit" disabled={invite.isPending}>
        Send invitation
      </Button>
    </form>
  );
}
