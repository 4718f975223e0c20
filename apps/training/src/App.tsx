import { createAppShell, type ShellNavItem } from "@evident/ui";
// lazyPage, not React.lazy: a page renders the moment its chunk arrives (React 19 holds a Suspense reveal back 300 ms).
import { lazyPage as lazy } from "@evident/ui";
import { createBrowserRouter, Link, Navigate, RouterProvider } from "react-router";
import { AuthProvider, useAuth, type Permission } from "./lib/auth.js";
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
const ModulesPage = lazy(() => import("./pages/modules.js"));
const ModuleEditPage = lazy(() => import("./pages/module-edit.js"));
const ReportPage = lazy(() => import("./pages/report.js"));
const NotificationsPage = lazy(() => import("./pages/notifications.js"));

// `guard`: paths another role gets the one permission-denied page on (packages/ui); a session's own page stays open to learners.
const NAV: ShellNavItem<Permission>[] = [
  { href: "/dashboard", text: "Dashboard", permission: "training:read", match: /^\/dashboard/, guard: /^\/dashboard/ },
  { href: "/my", text: "My training", match: /^\/my/ },
  { href: "/staff", text: "Staff", permission: "training:read", match: /^\/staff/, guard: /^\/staff/ },
  { href: "/sessions", text: "Sessions", permission: "training:read", match: /^\/sessions/, guard: /^\/sessions\/?$/ },
  { href: "/courses", text: "Courses", match: /^\/courses/ },
  { href: "/modules", text: "Modules", permission: "training:write", match: /^\/modules/, guard: /^\/modules/ },
  { href: "/plans", text: "Onboarding plans", permission: "training:read", match: /^\/plans/, guard: /^\/plans/ },
  { href: "/report", text: "Table 26", permission: "training:read", match: /^\/report/, guard: /^\/report/ },
];

const shell = createAppShell({
  useAuth,
  nav: NAV,
  links: (
    <>
      <li className="govuk-service-navigation__item">
        <NotificationsLink />
      </li>
      <li className="govuk-service-navigation__item">
        <a className="govuk-service-navigation__link" href="/">
          Back to the portal
        </a>
      </li>
    </>
  ),
  serviceName: "Evident training",
  homeHref: "/",
  phase: "This is a new service. Demo data only.",
  // A session handed to a participant in the portal: nothing here until the worker unlocks it there.
  locked: (me) =>
    me.handover ? (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">This device is locked</h1>
          <p className="govuk-body">It has been handed to a participant. The worker can unlock it with their password in the portal.</p>
          <p className="govuk-body">
            <a className="govuk-link" href="/">
              Go to the portal to unlock it
            </a>
          </p>
        </div>
      </div>
    ) : null,
});

function Home() {
  const auth = useAuth();
  return <Navigate to={auth.can("training:read") ? "/dashboard" : "/my"} replace />;
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

const router = createBrowserRouter(
  shell.routes(<SignInPage />, [
    { index: true, element: <Home /> },
    { path: "dashboard", element: <DashboardPage /> },
    { path: "my", element: <MyTrainingPage /> },
    { path: "my/modules/:id", element: <ModulePage /> },
    { path: "notifications", element: <NotificationsPage /> },
    { path: "courses", element: <CoursesPage /> },
    { path: "courses/:id", element: <CoursePage /> },
    { path: "courses/:id/edit", element: <CourseEditPage /> },
    { path: "modules", element: <ModulesPage /> },
    { path: "modules/:id/edit", element: <ModuleEditPage /> },
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
  ]),
  { basename: "/training" },
);

export function App() {
  return (
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>
  );
}
