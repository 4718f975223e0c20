/**
 * Refer a family member into a group, from the family's record: the family's
 * worker chooses a group open to referral (its track follows the person's
 * role: victims and parents into a victims' group, perpetrators and parents
 * into a perpetrators' group), then records the same safety checks as those
 * who run groups. Who is already in a group is never shown here.
 */
import { Select, WarningText } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { formatDay, trackLabel } from "../../lib/format.js";
import type { FamilyDetail } from "../../lib/shapes.js";
import { api } from "../../lib/trpc.js";
import { ReferIntoGroup } from "../programmes/refer.js";

export default function ReferPersonPage() {
  const { personId = "" } = useParams();
  const [params] = useSearchParams();
  const familyId = params.get("family") ?? "";
  const family = useQuery({ ...api.families.get.queryOptions({ id: familyId }), enabled: familyId !== "" });
  const groups = useQuery(api.programmes.groups.forReferral.queryOptions({}));
  const [groupId, setGroupId] = useState("");
  if (!familyId) return <QueryError error={new Error("Open this page from the family's record")} what="The family" />;
  if (family.isPending || groups.isPending) return <Loading what="Loading the groups open to referral" />;
  if (family.isError) return <QueryError error={family.error} what="This family" />;
  if (groups.isError) return <QueryError error={groups.error} what="Groups" />;
  const f = family.data as FamilyDetail;
  const person = f.people.find((p) => p.id === personId);
  if (!person) return <QueryError error={new Error("This person is not in the family")} what="This person" />;
  const track = person.familyRole === "perpetrator" ? "perpetrators" : person.familyRole === "victim" ? "victims" : null;
  const options = groups.data.items.filter((g) => !track || g.track === track);
  const chosen = options.find((g) => g.id === groupId);
  const name = `${person.firstName} ${person.lastName}`;
  return (
    <Page title="Refer into a group" caption={`${name}, ${f.name} (${f.reference})`}>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/families/${f.id}`}>
          Back to the family
        </Link>
      </p>
      {options.length === 0 ? (
        <p className="govuk-body">No groups on this track are recorded yet. A manager sets groups up.</p>
      ) : (
        <Select
          id="refer-group"
          label="Group"
          hint={track ? `${trackLabel(track)} groups, those running or starting first` : "Groups running or starting first"}
          value={groupId}
          onChange={(e) => setGroupId(e.target.value)}
          options={[
            { value: "", label: "Choose a group" },
            ...options.map((g) => ({ value: g.id, label: `${g.name} – ${g.language}, ${g.slot === "evening" ? "evening" : "day"}${g.childcare ? ", childcare" : ""}, starts ${formatDay(g.startDate)}${g.finished ? " (finished)" : ""}` })),
          ]}
        />
      )}
      {chosen?.finished ? <WarningText>This group has finished. Refer into a group that is running or starting unless you know it will take late referrals.</WarningText> : null}
      {chosen ? <ReferIntoGroup key={chosen.id} group={{ id: chosen.id, name: chosen.name, track: chosen.track as "victims" | "perpetrators" }} initial={{ familyId: f.id, personId: person.id }} /> : null}
    </Page>
  );
}
