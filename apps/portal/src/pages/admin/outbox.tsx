/**
 * The email outbox (administrators). Without a mail server (demo mode) it
 * shows each message in full: what would have been sent.
 */
import { labelOf, OUTBOX_STATUS_LABELS } from "@evident/core";
import { Details, InsetText, Table, Tag } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { api, type RouterOutputs } from "../../lib/trpc.js";

type Mail = RouterOutputs["admin"]["outbox"]["list"]["items"][number];
const COLOUR = { pending: "yellow", sent: "green", failed: "red", blocked: "grey" } as const;

export default function OutboxPage() {
  const q = useQuery(api.admin.outbox.list.queryOptions({ limit: 100 }));
  return (
    <Page title="Email outbox" caption="Administration">
      {q.isPending ? (
        <Loading what="Loading the outbox" />
      ) : q.isError ? (
        <QueryError error={q.error} what="The outbox" />
      ) : (
        <>
          <InsetText>
            {q.data.sending
              ? "Email is sent through the mail server set in SMTP_URL. Message bodies are not shown here: they hold one-time links."
              : "No mail server is set (SMTP_URL), so nothing leaves this server. This is what would have been sent."}
          </InsetText>
          <Table<Mail>
            caption="Messages, newest first"
            captionSize="s"
            rows={q.data.items}
            rowKey={(m) => m.id}
            columns={[
              { header: "To", cell: (m) => m.to },
              {
                header: "Subject",
                cell: (m) =>
                  m.bodyText ? (
                    <Details summary={m.subject}>
                      <pre style={{ whiteSpace: "pre-wrap" }} data-testid="outbox-body">
                        {m.bodyText}
                      </pre>
                    </Details>
                  ) : (
                    m.subject
                  ),
              },
              { header: "Written", cell: (m) => new Date(m.createdAt).toLocaleString("en-GB") },
              { header: "Status", cell: (m) => <Tag colour={COLOUR[m.status]}>{labelOf(OUTBOX_STATUS_LABELS, m.status)}</Tag> },
            ]}
          />
        </>
      )}
    </Page>
  );
}
