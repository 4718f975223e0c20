import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../lib/trpc.js";

/** "Notifications (2)" in the header: unread training notifications. */
export function NotificationsLink() {
  const q = useQuery({ ...api.training.notifications.list.queryOptions({ unreadOnly: true }), staleTime: 60_000 });
  const n = q.data?.length ?? 0;
  return (
    <Link className="govuk-service-navigation__link" to="/notifications">
      Notifications{n > 0 ? ` (${n} unread)` : ""}
    </Link>
  );
}
