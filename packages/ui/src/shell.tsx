/**
 * The app shell both front ends share: skip link, header with the service
 * navigation (filtered by permission), the signed-in user and Sign out (the
 * session's `auth.signOut()`), the phase banner, the main landmark and the
 * footer; and the routes around it (checking the session, sending a signed-out
 * visitor to the sign-in page, the sign-in route, the route error page).
 *
 *   const shell = createAppShell({ useAuth, nav: NAV, phase: "…" });
 *   createBrowserRouter(shell.routes(<SignInPage />, [{ index: true, element: <HomePage /> }, …]));
 */
import { Suspense, type ReactNode } from "react";
import { Link, Navigate, Outlet, useLocation, type RouteObject } from "react-router";
import { ErrorBoundary, Loading, PermissionDenied, ProblemPage } from "./errors.js";
import { Footer, Header, PhaseBanner, SkipLink, type NavItem } from "./layout.js";
import { ROLE_LABEL, type AuthState } from "./session.js";
import { ForgotPasswordForm, SetPasswordForm } from "./password.js";
import { LeaveGuard } from "./form-draft.js";

/** A navigation item, shown when the user holds its permission (or any of them). */
export interface ShellNavItem<P extends string> {
  href: string;
  text: string;
  permission?: P | readonly P[];
  /** Marks the item current for these paths. */
  match: RegExp;
  /** Paths that need the item's permission: a role without it gets the one permission-denied page there, not the page's parts. */
  guard?: RegExp;
}

export interface AppShellOptions<Me extends { name: string; role: string; permissions: readonly string[] }> {
  useAuth: () => AuthState<Me>;
  nav: readonly ShellNavItem<Me["permissions"][number]>[];
  /** Items after the navigation, before the signed-in user (each an `<li className="govuk-service-navigation__item">`). */
  links?: ReactNode;
  serviceName?: string;
  homeHref?: string;
  phase: ReactNode;
  /**
   * While the session is locked for a participant (the server refuses everything else), what to show
   * instead of this page: the lock screen, or null when the page is the participant's own. No navigation is shown.
   */
  locked?: (me: Me, location: { pathname: string; search: string }) => ReactNode | null;
}

export function AppFrame({ nav, end, serviceName, homeHref, phase, children }: { nav: NavItem[]; end?: ReactNode; serviceName?: string; homeHref?: string; phase: ReactNode; children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <Header
        serviceName={serviceName}
        homeHref={homeHref}
        navigation={nav}
        end={end}
        renderLink={(p) => (
          <Link to={p.href} className={p.className} aria-current={p.current ? "page" : undefined}>
            {p.children}
          </Link>
        )}
      />
      <div className="govuk-width-container">
        <PhaseBanner>{phase}</PhaseBanner>
        <main className="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1}>
          {children}
        </main>
      </div>
      <Footer>Evident – open-source records, training and evidence for children&apos;s services.</Footer>
    </>
  );
}

export function createAppShell<Me extends { name: string; role: string; permissions: readonly string[] }>(options: AppShellOptions<Me>) {
  const { useAuth, links } = options;
  const Frame = ({ nav = [], end, children }: { nav?: NavItem[]; end?: ReactNode; children: ReactNode }) => (
    <AppFrame nav={nav} end={end} serviceName={options.serviceName} homeHref={options.homeHref} phase={options.phase}>
      {children}
    </AppFrame>
  );

  /** The signed-in pages: the session checked first; a signed-out visitor goes to sign in and comes back. */
  function Layout() {
    const auth = useAuth();
    const location = useLocation();
    if (auth.status === "loading") {
      return (
        <Frame>
          <Loading what="Checking your session" />
        </Frame>
      );
    }
    if (auth.status === "error") {
      return (
        <Frame>
          <ProblemPage error={auth.error} onRetry={() => void auth.refresh()} />
        </Frame>
      );
    }
    if (auth.status === "signed-out") {
      const next = location.pathname + location.search;
      return <Navigate to={next === "/" || auth.justSignedOut ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
    }
    const holds = (n: ShellNavItem<Me["permissions"][number]>) => !n.permission || (typeof n.permission === "string" ? [n.permission] : n.permission).some((p) => auth.can(p));
    const nav: NavItem[] = options.nav.filter(holds).map((n) => ({ href: n.href, text: n.text, current: n.match.test(location.pathname) }));
    const barred = options.nav.find((n) => n.guard?.test(location.pathname) && !holds(n));
    const me = auth.me!;
    if (options.locked) {
      const lockedPage = options.locked(me, location);
      if (lockedPage !== null) return <Frame>{lockedPage}</Frame>;
    }
    const end = (
      <>
        {links}
        <li className="govuk-service-navigation__item" style={{ marginLeft: "auto" }}>
          <span className="govuk-body-s" style={{ marginRight: 12 }} data-testid="signed-in-as">
            {me.name} ({ROLE_LABEL[me.role] ?? me.role})
          </span>
          <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" style={{ padding: "4px 10px" }} onClick={() => void auth.signOut()}>
            Sign out
          </button>
        </li>
      </>
    );
    return (
      <Frame nav={nav} end={end}>
        <LeaveGuard />
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<Loading />}>
            {barred ? <PermissionDenied what={barred.text} role={ROLE_LABEL[me.role] ?? me.role} /> : <Outlet />}
          </Suspense>
        </ErrorBoundary>
      </Frame>
    );
  }

  /** The sign-in page; a signed-in visitor goes on to `next` (a path on this site only) or home. */
  function SignInRoute({ children }: { children: ReactNode }) {
    const auth = useAuth();
    const location = useLocation();
    if (auth.status === "signed-in") {
      const next = new URLSearchParams(location.search).get("next");
      return <Navigate to={next && next.startsWith("/") && !next.startsWith("//") ? next : "/"} replace />;
    }
    return <Frame>{children}</Frame>;
  }

  function RouteError() {
    return (
      <Frame>
        <ProblemPage error={new Error("route error")} />
      </Frame>
    );
  }

  /** The app's route tree: the sign-in page, and the signed-in pages inside the layout. */
  function routes(signIn: ReactNode, children: RouteObject[]): RouteObject[] {
    return [
      { path: "/sign-in", element: <SignInRoute>{signIn}</SignInRoute>, errorElement: <RouteError /> },
      // One-time links from email (invitations, "forgot password"): no session needed.
      { path: "/set-password", element: <Frame><SetPasswordForm /></Frame>, errorElement: <RouteError /> },
      { path: "/forgot-password", element: <Frame><ForgotPasswordForm /></Frame>, errorElement: <RouteError /> },
      { path: "/", element: <Layout />, errorElement: <RouteError />, children },
    ];
  }

  return { Frame, Layout, SignInRoute, RouteError, routes };
}
