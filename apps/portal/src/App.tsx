import { Footer, Header, PhaseBanner, SkipLink, type NavItem } from "@evident/ui";
import { lazy, Suspense, type ReactNode } from "react";
import { createBrowserRouter, Link, Navigate, Outlet, RouterProvider, useLocation } from "react-router";
import { ErrorBoundary, Loading, ProblemPage } from "./components/errors.js";
import { AuthProvider, ROLE_LABEL, useAuth, type Permission } from "./lib/auth.js";
import { HomePage } from "./pages/home.js";
import { NotFoundPage } from "./pages/not-found.js";
import { SignInPage } from "./pages/sign-in.js";

// Heavy pages load on demand, so the first page stays small.
const FamiliesPage = lazy(() => import("./pages/families/list.js"));
const FamilyPage = lazy(() => import("./pages/families/family.js"));
const FamilyFormPage = lazy(() => import("./pages/families/form.js"));
const GroupsPage = lazy(() => import("./pages/programmes/groups.js"));
const GroupPage = lazy(() => import("./pages/programmes/group.js"));
const HubPage = lazy(() => import("./pages/hub/hub.js"));
const EvaluationPage = lazy(() => import("./pages/evaluation/evaluation.js"));

const NAV: { href: string; text: string; permission?: Permission; match: RegExp }[] = [
  { href: "/", text: "Home", match: /^\/$/ },
  { href: "/families", text: "Families", permission: "families:read", match: /^\/families/ },
  { href: "/groups", text: "Groups", permission: "programmes:read", match: /^\/groups/ },
  { href: "/hub", text: "Hub cases", permission: "hub:read", match: /^\/hub/ },
  { href: "/evaluation", text: "Evaluation", permission: "evaluation:read", match: /^\/evaluation/ },
];

function Layout() {
  const auth = useAuth();
  const location = useLocation();
  if (auth.status === "loading") {
    return (
      <Shell nav={[]}>
        <Loading what="Checking your session" />
      </Shell>
    );
  }
  if (auth.status === "error") {
    return (
      <Shell nav={[]}>
        <ProblemPage error={auth.error} onRetry={() => void auth.refresh()} />
      </Shell>
    );
  }
  if (auth.status === "signed-out") {
    const next = location.pathname + location.search;
    return <Navigate to={next === "/" || auth.justSignedOut ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  const nav: NavItem[] = NAV.filter((n) => !n.permission || auth.can(n.permission)).map((n) => ({ href: n.href, text: n.text, current: n.match.test(location.pathname) }));
  const me = auth.me!;
  const end = (
    <>
      <li className="govuk-service-navigation__item">
        <a className="govuk-service-navigation__link" href="/training/">
          Training
        </a>
      </li>
      <li className="govuk-service-navigation__item" style={{ marginLeft: "auto" }}>
        <span className="govuk-body-s" style={{ marginRight: 12 }} data-testid="signed-in-as">
          {me.name} ({ROLE_LABEL[me.role] ?? me.role})
        </span>
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          style={{ padding: "4px 10px" }}
          onClick={() => void auth.signOut()}
        >
          Sign out
        </button>
      </li>
    </>
  );
  return (
    <Shell nav={nav} end={end}>
      <ErrorBoundary resetKey={location.pathname}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </ErrorBoundary>
    </Shell>
  );
}

function Shell({ nav, end, children }: { nav: NavItem[]; end?: ReactNode; children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <Header
        navigation={nav}
        end={end}
        renderLink={(p) => (
          <Link to={p.href} className={p.className} aria-current={p.current ? "page" : undefined}>
            {p.children}
          </Link>
        )}
      />
      <div className="govuk-width-container">
        <PhaseBanner>This is a new service. Demo data only: no real families are recorded here.</PhaseBanner>
        <main className="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1}>
          {children}
        </main>
      </div>
      <Footer>Evident – open-source records, training and evidence for children&apos;s services.</Footer>
    </>
  );
}

function SignInRoute() {
  const auth = useAuth();
  const location = useLocation();
  if (auth.status === "signed-in") {
    const next = new URLSearchParams(location.search).get("next");
    return <Navigate to={next && next.startsWith("/") && !next.startsWith("//") ? next : "/"} replace />;
  }
  return (
    <Shell nav={[]}>
      <SignInPage />
    </Shell>
  );
}

function RouteError() {
  return (
    <Shell nav={[]}>
      <ProblemPage error={new Error("route error")} />
    </Shell>
  );
}

const router = createBrowserRouter([
  {
    path: "/sign-in",
    element: <SignInRoute />,
    errorElement: <RouteError />,
  },
  {
    path: "/",
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: "families", element: <FamiliesPage /> },
      { path: "families/new", element: <FamilyFormPage /> },
      { path: "families/:id", element: <FamilyPage /> },
      { path: "families/:id/edit", element: <FamilyFormPage /> },
      { path: "groups", element: <GroupsPage /> },
      { path: "groups/:id", element: <GroupPage /> },
      { path: "hub", element: <HubPage /> },
      { path: "hub/:id", element: <HubPage /> },
      { path: "evaluation", element: <EvaluationPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>
  );
}
