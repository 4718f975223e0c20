/** Domestic abuse work: links to the DA coordinator's consultations and to MARAC referrals, as the caller's role allows. */
import { Link } from "react-router";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";

export default function DaWorkPage() {
  const auth = useAuth();
  return (
    <Page title="Domestic abuse work">
      <ul className="govuk-list">
        {auth.can("daConsultations:read") ? (
          <li>
            <Link className="govuk-link" to="/da/consultations">
              Consultations with the DA coordinator
            </Link>
          </li>
        ) : null}
        {auth.can("marac:read") ? (
          <li>
            <Link className="govuk-link" to="/da/marac">
              MARAC referrals
            </Link>
          </li>
        ) : null}
      </ul>
    </Page>
  );
}
