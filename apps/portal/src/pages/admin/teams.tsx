/** Teams (administrators): create and rename; how many accounts, staff and families each has. */
import { Button, ErrorSummary, Input, NotificationBanner, Table } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { api, client, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type Team = RouterOutputs["admin"]["teams"]["list"][number];

export default function TeamsPage() {
  const teams = useQuery(api.admin.teams.list.queryOptions());
  const create = useMutation(api.admin.teams.create.mutationOptions());
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    setMessage(null);
    if (!name) return setProblem("Enter the team's name");
    try {
      await create.mutateAsync({ name });
      setProblem(null);
      setMessage(`Team ${name} created`);
      form.reset();
      await queryClient.invalidateQueries();
    } catch (error) {
      setProblem(errorInfo(error).message);
    }
  }

  async function rename(team: Team) {
    const name = window.prompt(`New name for ${team.name}`, team.name)?.trim();
    if (!name || name === team.name) return;
    try {
      await client.admin.teams.rename.mutate({ teamId: team.id, name });
      setMessage(`Team renamed to ${name}`);
      await queryClient.invalidateQueries();
    } catch (error) {
      setProblem(errorInfo(error).message);
    }
  }

  return (
    <Page title="Teams" caption="Administration">
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/users">
          Staff accounts
        </Link>
      </p>
      {message ? <NotificationBanner type="success" heading={message} /> : null}
      <ErrorSummary errors={problem ? [{ href: "#team-name", text: problem }] : []} />
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Input id="team-name" name="name" label="New team name" error={problem ?? undefined} />
        <Button type="submit" disabled={create.isPending}>
          Create team
        </Button>
      </form>
      {teams.isPending ? (
        <Loading what="Loading teams" />
      ) : teams.isError ? (
        <QueryError error={teams.error} what="Teams" />
      ) : teams.data.length === 0 ? (
        <p className="govuk-body">There are no teams yet.</p>
      ) : (
        <Table<Team>
          caption="Teams"
          captionSize="s"
          rows={teams.data}
          rowKey={(t) => t.id}
          columns={[
            { header: "Team", cell: (t) => t.name },
            { header: "Accounts", cell: (t) => t.accounts, numeric: true },
            { header: "Staff", cell: (t) => t.staff, numeric: true },
            { header: "Families", cell: (t) => t.families, numeric: true },
            {
              header: "",
              cell: (t) => (
                <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void rename(t)}>
                  Rename<span className="govuk-visually-hidden"> {t.name}</span>
                </button>
              ),
            },
          ]}
        />
      )}
    </Page>
  );
}
