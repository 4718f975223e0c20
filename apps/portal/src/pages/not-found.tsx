import { Link } from "react-router";
import { Page } from "../components/page.js";

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p className="govuk-body">
        Records you do not have access to are also shown as not found. Go to your{" "}
        <Link className="govuk-link" to="/">
          home page
        </Link>
        .
      </p>
    </Page>
  );
}
