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
const NewReferralPage = lazy(() => import("./pages/referrals/new.js"));
const AddPersonPage = lazy(() => import("./pages/families/person.js"));
const NewAssessmentPage = lazy(() => import("./pages/assessments/new.js"));
const AssessmentsPage = lazy(() => import("./pages/assessments/list.js"));
const FollowUpsPage = lazy(() => import("./pages/followups/followups.js"));
const ConsentPage = lazy(() => import("./pages/consent/consent.js"));
const OverridesPage = lazy(() => import("./pages/consent/overrides.js"));
const OneToOnePage = lazy(() => import("./pages/one-to-one/one-to-one.js"));
const TranslationsPage = lazy(() => import("./pages/questionnaires/translations.js"));
const PersonQuestionnairesPage = lazy(() => import("./pages/questionnaires/person.js"));
const ParticipantPage = lazy(() => import("./pages/questionnaires/participant.js"));
const FinancePage = lazy(() => import("./pages/finance/finance.js"));
const LogicModelsPage = lazy(() => import("./pages/logic-models/list.js"));
const LogicModelPage = lazy(() => import("./pages/logic-models/model.js"));
const MonitoringPage = lazy(() => import("./pages/monitoring/monitoring.js"));
const DecisionsPage = lazy(() => import("./pages/decisions/decisions.js"));
const PlanPage = lazy(() => import("./pages/decisions/plan.js"));
const BriefingPage = lazy(() => import("./pages/briefing/briefing.js"));
const AuditsPage = lazy(() => import("./pages/audits/audits.js"));
const AuditCasePage = lazy(() => import("./pages/audits/case.js"));
const AuditRoundPage = lazy(() => import("./pages/audits/round.js"));
const AuditTemplatePage = lazy(() => import("./pages/audits/template.js"));
const SurveysPage = lazy(() => import("./pages/surveys/surveys.js"));
const SurveyPage = lazy(() => import("./pages/surveys/survey.js"));
const SurveyResultsPage = lazy(() => import("./pages/surveys/results.js"));
const SurveyAnswerPage = lazy(() => import("./pages/surveys/answer.js"));
const StatutoryImportPage = lazy(() => import("./pages/statutory/import.js"));
const ExtractsPage = lazy(() => import("./pages/extracts/extracts.js"));

const NAV: { href: string; text: string; permission?: Permission | Permission[]; match: RegExp }[] = [
  { href: "/", text: "Home", match: /^\/$/ },
  { href: "/families", text: "Families", permission: "families:read", match: /^\/families/ },
  { href: "/groups", text: "Groups", permission: "programmes:read", match: /^\/groups/ },
  { href: "/hub", text: "Hub cases", permission: "hub:read", match: /^\/hub/ },
  { href: "/follow-ups", text: "Follow-ups", permission: "followUps:read", match: /^\/follow-ups/ },
  { href: "/evaluation", text: "Evaluation", permission: "evaluation:read", match: /^\/evaluation/ },
  { href: "/questionnaires", text: "Questionnaires", permission: "translations:read", match: /^\/(questionnaires|people\/[^/]+\/questionnaires)/ },
  { href: "/finance", text: "Finance", permission: "finance:read", match: /^\/finance/ },
  { href: "/logic-models", text: "Logic models", permission: "logicModels:read", match: /^\/(logic-models|briefing)/ },
  { href: "/monitoring", text: "Monitoring", permission: "monitoring:read", match: /^\/monitoring/ },
  { href: "/decisions", text: "Decisions", permission: "decisions:read", match: /^\/(decisions|plan)/ },
  { href: "/audits", text: "Audits", permission: ["audits:read", "audits:answer"], match: /^\/audits/ },
  { href: "/surveys", text: "Surveys", permission: "surveys:answer", match: /^\/surveys/ },
  { href: "/extracts", text: "Extracts", permission: "extracts:read", match: /^\/extracts/ },
  { href: "/statutory-import", text: "Import returns", permission: "statutory:import", match: /^\/statutory-import/ },
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
  const nav: NavItem[] = NAV.filter((n) => !n.permission || (Array.isArray(n.permission) ? n.permission : [n.permission]).some((p) => auth.can(p))).map((n) => ({ href: n.href, text: n.text, current: n.match.test(location.pathname) }));
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
      { path: "families/:id/referrals/new", element: <NewReferralPage /> },
      { path: "families/:id/people/new", element: <AddPersonPage /> },
      { path: "families/:id/assessments/new", element: <NewAssessmentPage /> },
      { path: "families/:id/consent", element: <ConsentPage /> },
      { path: "families/:id/overrides", element: <OverridesPage /> },
      { path: "assessments", element: <AssessmentsPage /> },
      { path: "follow-ups", element: <FollowUpsPage /> },
      { path: "one-to-one", element: <OneToOnePage /> },
      { path: "groups", element: <GroupsPage /> },
      { path: "groups/:id", element: <GroupPage /> },
      { path: "hub", element: <HubPage /> },
      { path: "hub/:id", element: <HubPage /> },
      { path: "evaluation", element: <EvaluationPage /> },
      { path: "questionnaires", element: <TranslationsPage /> },
      { path: "people/:personId/questionnaires", element: <PersonQuestionnairesPage /> },
      { path: "people/:personId/questionnaires/answer", element: <ParticipantPage /> },
      { path: "finance", element: <FinancePage /> },
      { path: "finance/:id", element: <FinancePage /> },
      { path: "logic-models", element: <LogicModelsPage /> },
      { path: "logic-models/:id", element: <LogicModelPage /> },
      { path: "monitoring", element: <MonitoringPage /> },
      { path: "decisions", element: <DecisionsPage /> },
      { path: "plan", element: <PlanPage /> },
      { path: "briefing/:programmeId", element: <BriefingPage /> },
      { path: "audits", element: <AuditsPage /> },
      { path: "audits/mine", element: <AuditsPage /> },
      { path: "audits/cases/:caseId", element: <AuditCasePage /> },
      { path: "audits/rounds/:id", element: <AuditRoundPage /> },
      { path: "audits/templates/:id", element: <AuditTemplatePage /> },
      { path: "surveys", element: <SurveysPage /> },
      { path: "surveys/:id", element: <SurveyPage /> },
      { path: "surveys/waves/:waveId", element: <SurveyResultsPage /> },
      { path: "surveys/answer/:waveId", element: <SurveyAnswerPage /> },
      { path: "extracts", element: <ExtractsPage /> },
      { path: "statutory-import", element: <StatutoryImportPage /> },
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
