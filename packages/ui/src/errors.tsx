/** Error and loading states shared by the front ends: plain words, and the request id to quote. */
import { Component, type ErrorInfo, type ReactNode } from "react";
import { Link } from "react-router";
import { errorInfo } from "./api-client.js";
import { Page } from "./page.js";

/**
 * The one page for a page the signed-in role cannot use (both apps, from the shell's guards): said once, in plain
 * words, instead of a "you do not have permission" fragment for every part of the page.
 */
export function PermissionDenied({ what, role, homeHref = "/" }: { what: string; role: string; homeHref?: string }) {
  return (
    <Page title="You do not have permission to see this page">
      <div data-testid="permission-denied">
        <p className="govuk-body">
          {what} is not available to your role ({role}).
        </p>
        <p className="govuk-body">If you need it for your work, ask your manager or an administrator to change your role.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={homeHref}>
            Go to the home page
          </Link>
        </p>
      </div>
    </Page>
  );
}

/** The page shown for an unexpected error: plain words and the request id to quote. */
export function ProblemPage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const info = errorInfo(error);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p className="govuk-body">Your work has not been lost: anything you were typing is kept on this device until you save it.</p>
        {info.requestId ? (
          <p className="govuk-body" data-testid="request-id">
            If it keeps happening, contact the service desk and quote reference <strong>{info.requestId}</strong>.
          </p>
        ) : (
          <p className="govuk-body">If it keeps happening, contact the service desk.</p>
        )}
        {onRetry ? (
          <button type="button" className="govuk-button" onClick={onRetry}>
            Try again
          </button>
        ) : null}
      </div>
    </div>
  );
}

export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override componentDidCatch(_error: unknown, _info: ErrorInfo) {
    // Deliberately not logged to the console with details: errors can carry record data.
  }
  override componentDidUpdate(prev: { resetKey?: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  override render() {
    if (this.state.error) return <ProblemPage error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}

/** A short message for a failed query inside a page (not the whole page). */
export function QueryError({ error, what }: { error: unknown; what: string }) {
  const info = errorInfo(error);
  if (info.code === "NOT_FOUND") return <p className="govuk-body">{what}: not found, or you do not have access.</p>;
  if (info.code === "FORBIDDEN") return <p className="govuk-body">You do not have permission to see {what.toLowerCase()}.</p>;
  return (
    <div className="govuk-error-summary" role="alert" tabIndex={-1}>
      <h2 className="govuk-error-summary__title">{what} could not be loaded</h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">
          {info.code === "INTERNAL_SERVER_ERROR" || !info.code ? "Something went wrong on our side." : info.message}
          {info.requestId ? (
            <>
              {" "}
              Reference <strong>{info.requestId}</strong>.
            </>
          ) : null}
        </p>
      </div>
    </div>
  );
}

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="govuk-body" role="status" aria-live="polite">
      {what}…
    </p>
  );
}
