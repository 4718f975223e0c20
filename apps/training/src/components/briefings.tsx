import { useQuery } from "@tanstack/react-query";
import { api } from "../lib/trpc.js";

/**
 * Links to each programme's briefing page in the staff portal. The portal
 * serves it at `/briefing/<programmeId>` on the same origin, outside this
 * app's `/training/` base, so these are plain links (a full page load).
 */
export function ProgrammeBriefings({ heading = "Programme briefings" }: { heading?: string }) {
  const q = useQuery(api.training.options.queryOptions());
  const programmes = q.data?.programmes ?? [];
  if (programmes.length === 0) return null;
  return (
    <section aria-labelledby="programme-briefings">
      <h2 className="govuk-heading-m" id="programme-briefings">
        {heading}
      </h2>
      <p className="govuk-body">Part of onboarding: read the briefing for each programme you will refer families to or work in.</p>
      <ul className="govuk-list govuk-list--bullet">
        {programmes.map((p) => (
          <li key={p.id}>
            <a className="govuk-link" href={`/briefing/${encodeURIComponent(p.id)}`} data-testid="briefing-link">
              {p.name} briefing
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
