import { Button } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { formatDate } from "../lib/format.js";
import { api } from "../lib/trpc.js";

export default function NotificationsPage() {
  const queryClient = useQueryClient();
  const q = useQuery(api.training.notifications.list.queryOptions());
  const read = useMutation({ ...api.training.notifications.markRead.mutationOptions(), onSuccess: () => queryClient.invalidateQueries({ queryKey: api.training.notifications.pathKey() }) });
  const unread = (q.data ?? []).filter((n) => !n.readAt).map((n) => n.id);
  return (
    <Page title="Notifications">
      {q.isPending ? <Loading /> : q.isError ? <QueryError error={q.error} what="Notifications" /> : q.data.length === 0 ? <p className="govuk-body">You have no notifications.</p> : (
        <>
          {unread.length > 0 ? (
            <Button variant="secondary" onClick={() => read.mutate({ ids: unread.slice(0, 100) })}>
              Mark all as read
            </Button>
          ) : null}
          <ul className="govuk-list">
            {q.data.map((n) => (
              <li key={n.id} className="govuk-!-margin-bottom-4">
                <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                  {n.readAt ? null : <strong className="govuk-tag govuk-tag--blue govuk-!-margin-right-2">New</strong>}
                  {n.title}
                </h2>
                {n.body ? <p className="govuk-body govuk-!-margin-bottom-1">{n.body}</p> : null}
                <p className="govuk-body-s govuk-hint">
                  {formatDate(n.createdAt.slice(0, 10))}
                  {n.link?.startsWith("/training/") ? (
                    <>
                      {" · "}
                      <Link className="govuk-link" to={n.link.replace(/^\/training/, "").split("?")[0] || "/"}>Open</Link>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
