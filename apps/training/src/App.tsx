import { Footer, Header, PhaseBanner, SkipLink, type NavItem } from "@evident/ui";
import { lazy, Suspense, type ReactNode } from "react";
import { createBrowserRouter, Link, Navigate, Outlet, RouterProvider, useLocation, useNavigate } from "react-router";
import { ErrorBoundary, Loading, ProblemPage } from "./components/errors.js";
import { AuthProvider, ROLE_LABEL, signOut, useAuth, type Permission } from "./lib/auth.js";
import { NotificationsLink } from "./components/notifications.js";
import { SignInPage } from "./pages/sign-in.js";
import { MyTrainingPage } from "./pages/my.js";

// Pages load on demand, so the first page stays small (charts live in their own chunk).
const DashboardPage = lazy(() => import("./pages/dashboard.js"));
const CoursesPage = lazy(() => import("./pages/courses.js"));
const CoursePage = lazy(() => import("./pages/course.js"));
const CourseEditPage = lazy(() => import("./pages/course-edit.js"));
const PlanEditPage = lazy(() => import("./pages/plan-edit.js"));
const PlansPage = lazy(() => import("./pages/plans.js"));
const StaffPage = lazy(() => import("./pages/staff.js"));
const StaffMemberPage = lazy(() => import("./pages/staff-member.js"));
const StarterPage = lazy(() => import("./pages/starter.js"));
const RosterPage = lazy(() => import("./pages/roster.js"));
const SessionsPage = lazy(() => import("./pages/sessions.js"));
const SessionPage = lazy(() => import("./pages/session.js"));
const ModulePage = lazy(() => import("./pages/module.js"));
const ReportPage = lazy(() => import("./pages/report.js"));
const NotificationsPage = lazy(() => import("./pages/notifications.js"));

const NAV: { href: string; text: string; permission?: Permission; match: RegExp }[] = [
  { href: "/dashboard", text: "Dashboard", permission: "training:read", match: /^\/dashboard/ },
  { href: "/my", text: "My training", match: /^\/my/ },
  { href: "/staff", text: "Staff", permission: "training:read", match: /^\/staff/ },
  { href: "/sessions", text: "Sessions", permission: "training:read", match: /^\/sessions/ },
  { href: "/courses", text: "Courses", match: /^\/courses/ },
  { href: "/plans", text: "Onboarding plans", permission: "training:read", match: /^\/plans/ },
  { href: "/report", text: "Table 26", permission: "training:read", match: /^\/report/ },
];

function Layout() {
  const auth = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
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
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  const nav: NavItem[] = NAV.filter((n) => !n.permission || auth.can(n.permission)).map((n) => ({ href: n.href, text: n.text, current: n.match.test(location.pathname) }));
  const me = auth.me!;
  const end = (
    <>
      <li className="govuk-service-navigation__item">
        <NotificationsLink />
      </li>
      <li className="govuk-service-navigation__item">
        <a className="govuk-service-navigation__link" href="/">
          Back to the portal
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
          onClick={async () => {
            await signOut();
            await auth.refresh();
            navigate("/sign-in?signedOut=1", { replace: true });
          }}
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
        serviceName="Evident training"
        homeHref="/"
        navigation={nav}
        end={end}
        renderLink={(p) => (
          <Link to={p.href} className={p.className} aria-current={p.current ? "page" : undefined}>
            {p.children}
          </Link>
        )}
      />
      <div className="govuk-width-container">
        <PhaseBanner>This is a new service. Demo data only.</PhaseBanner>
        <main className="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1}>
          {children}
        </main>
      </div>
      <Footer>Evident – open-source records, training and evidence for children&apos;s services.</Footer>
    </>
  );
}

function Home() {
  const auth = useAuth();
  return <Navigate to={auth.can("training:read") ? "/dashboard" : "/my"} replace />;
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

function NotFound() {
  return (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">
        If you typed the web address, check it is correct. <Link to="/" className="govuk-link">Go to the training home page</Link>.
      </p>
    </>
  );
}

function RouteError() {
  return (
    <Shell nav={[]}>
      <ProblemPage error={new Error("route error")} />
    </Shell>
  );
}

const router = createBrowserRouter(
  [
    { path: "/sign-in", element: <SignInRoute />, errorElement: <RouteError /> },
    {
      path: "/",
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <Home /> },
        { path: "dashboard", element: <DashboardPage /> },
        { path: "my", element: <MyTrainingPage /> },
        { path: "my/modules/:id", element: <ModulePage /> },
        { path: "notifications", element: <NotificationsPage /> },
        { path: "courses", element: <CoursesPage /> },
        { path: "courses/:id", element: <CoursePage /> },
        { path: "courses/:id/edit", element: <CourseEditPage /> },
        { path: "plans", element: <PlansPage /> },
        { path: "plans/:role/edit", element: <PlanEditPage /> },
        { path: "staff", element: <StaffPage /> },
        { path: "staff/new", element: <StarterPage /> },
        { path: "staff/import", element: <RosterPage /> },
        { path: "staff/:id", element: <StaffMemberPage /> },
        { path: "sessions", element: <SessionsPage /> },
        { path: "sessions/:id", element: <SessionPage /> },
        { path: "report", element: <ReportPage /> },
        { path: "*", element: <NotFound /> },
      ],
    },
  ],
  { basename: "/training" },
);

export function App() {
  return (
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>
  );
}
