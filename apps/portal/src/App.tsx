import { createAppShell, type ShellNavItem } from "@evident/ui";
// lazyPage, not React.lazy: a page renders the moment its chunk arrives (React 19 holds a Suspense reveal back 300 ms).
import { lazyPage as lazy } from "@evident/ui";
import { createBrowserRouter, RouterProvider } from "react-router";
import { AuthProvider, useAuth, type Permission } from "./lib/auth.js";
import { HomePage } from "./pages/home.js";
import { NotFoundPage } from "./pages/not-found.js";
import { SignInPage } from "./pages/sign-in.js";
import { HandoverLockScreen, isParticipantPage } from "./pages/questionnaires/handover.js";

// Heavy pages load on demand, so the first page stays small.
const FamiliesPage = lazy(() => import("./pages/families/list.js"));
const FamilyPage = lazy(() => import("./pages/families/family.js"));
const FamilyFormPage = lazy(() => import("./pages/families/form.js"));
const GroupsPage = lazy(() => import("./pages/programmes/groups.js"));
const GroupPage = lazy(() => import("./pages/programmes/group.js"));
const HubPage = lazy(() => import("./pages/hub/hub.js"));
const EvaluationPage = lazy(() => import("./pages/evaluation/evaluation.js"));
const SavedAnalysisPage = lazy(() => import("./pages/evaluation/saved.js"));
const NewReferralPage = lazy(() => import("./pages/referrals/new.js"));
const FamilyReferralsPage = lazy(() => import("./pages/referrals/list.js"));
const ReferralOutcomePage = lazy(() => import("./pages/referrals/outcome.js"));
const AddPersonPage = lazy(() => import("./pages/families/person.js"));
const NewAssessmentPage = lazy(() => import("./pages/assessments/new.js"));
const AssessmentsPage = lazy(() => import("./pages/assessments/list.js"));
const FollowUpsPage = lazy(() => import("./pages/followups/followups.js"));
const ConsentPage = lazy(() => import("./pages/consent/consent.js"));
const OverridesPage = lazy(() => import("./pages/consent/overrides.js"));
const OverrideReviewPage = lazy(() => import("./pages/consent/override-review.js"));
const ContactEditPage = lazy(() => import("./pages/people/contact.js"));
const PersonLinksPage = lazy(() => import("./pages/people/links.js"));
const ReferPersonPage = lazy(() => import("./pages/people/refer.js"));
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
const AuditTemplateNewPage = lazy(() => import("./pages/audits/template-new.js"));
const SurveysPage = lazy(() => import("./pages/surveys/surveys.js"));
const SurveyPage = lazy(() => import("./pages/surveys/survey.js"));
const SurveyResultsPage = lazy(() => import("./pages/surveys/results.js"));
const SurveyAnswerPage = lazy(() => import("./pages/surveys/answer.js"));
const StatutoryImportPage = lazy(() => import("./pages/statutory/import.js"));
const SsdImportPage = lazy(() => import("./pages/ssd/import.js"));
const ExtractsPage = lazy(() => import("./pages/extracts/extracts.js"));
const DaWorkPage = lazy(() => import("./pages/da/index.js"));
const ConsultationsPage = lazy(() => import("./pages/da/consultations.js"));
const MaracPage = lazy(() => import("./pages/da/marac.js"));
const UsersPage = lazy(() => import("./pages/admin/users.js"));
const TeamsPage = lazy(() => import("./pages/admin/teams.js"));
const OutboxPage = lazy(() => import("./pages/admin/outbox.js"));
const AuditLogPage = lazy(() => import("./pages/admin/audit.js"));

// `guard`: paths another role gets the one permission-denied page on (packages/ui), instead of the page's parts.
const NAV: ShellNavItem<Permission>[] = [
  { href: "/", text: "Home", match: /^\/$/ },
  { href: "/families", text: "Families", permission: "families:read", match: /^\/families/, guard: /^\/families/ },
  { href: "/groups", text: "Groups", permission: "programmes:read", match: /^\/groups/, guard: /^\/groups/ },
  { href: "/hub", text: "Hub cases", permission: "hub:read", match: /^\/hub/, guard: /^\/hub/ },
  { href: "/follow-ups", text: "Follow-ups", permission: "followUps:read", match: /^\/follow-ups/, guard: /^\/follow-ups/ },
  { href: "/da", text: "DA work", permission: ["daConsultations:read", "marac:read"], match: /^\/da(\/|$)/, guard: /^\/da(\/|$)/ },
  { href: "/evaluation", text: "Evaluation", permission: "evaluation:read", match: /^\/evaluation/, guard: /^\/evaluation/ },
  { href: "/questionnaires", text: "Questionnaires", permission: "translations:read", match: /^\/(questionnaires|people\/[^/]+\/questionnaires)/, guard: /^\/questionnaires/ },
  { href: "/finance", text: "Finance", permission: "finance:read", match: /^\/finance/, guard: /^\/finance/ },
  { href: "/logic-models", text: "Logic models", permission: "logicModels:read", match: /^\/(logic-models|briefing)/, guard: /^\/logic-models/ },
  { href: "/monitoring", text: "Monitoring", permission: "monitoring:read", match: /^\/monitoring/, guard: /^\/monitoring/ },
  { href: "/decisions", text: "Decisions", permission: "decisions:read", match: /^\/(decisions|plan)/, guard: /^\/decisions/ },
  { href: "/audits", text: "Audits", permission: ["audits:read", "audits:answer"], match: /^\/audits/, guard: /^\/audits/ },
  { href: "/surveys", text: "Surveys", permission: "surveys:answer", match: /^\/surveys/, guard: /^\/surveys/ },
  { href: "/extracts", text: "Extracts", permission: "extracts:read", match: /^\/extracts/, guard: /^\/extracts/ },
  { href: "/statutory-import", text: "Import returns", permission: "statutory:import", match: /^\/statutory-import/, guard: /^\/statutory-import/ },
  { href: "/ssd-import", text: "Import SSD", permission: "ssd:import", match: /^\/ssd-import/, guard: /^\/ssd-import/ },
  { href: "/admin/users", text: "Accounts", permission: "users:read", match: /^\/admin/, guard: /^\/admin\/users/ },
];

const shell = createAppShell({
  useAuth,
  nav: NAV,
  links: (
    <li className="govuk-service-navigation__item">
      <a className="govuk-service-navigation__link" href="/training/">
        Training
      </a>
    </li>
  ),
  phase: "This is a new service. Demo data only: no real families are recorded here.",
  // Handed to a participant: every page but their questionnaire is the lock screen (the server refuses the rest).
  locked: (me, location) => (me.handover && !isParticipantPage(me.handover, location) ? <HandoverLockScreen lock={me.handover} /> : null),
});

const router = createBrowserRouter(
  shell.routes(<SignInPage />, [
    { index: true, element: <HomePage /> },
    { path: "families", element: <FamiliesPage /> },
    { path: "families/new", element: <FamilyFormPage /> },
    { path: "families/:id", element: <FamilyPage /> },
    { path: "families/:id/edit", element: <FamilyFormPage /> },
    { path: "families/:id/referrals", element: <FamilyReferralsPage /> },
    { path: "families/:id/referrals/new", element: <NewReferralPage /> },
    { path: "referrals/:id", element: <ReferralOutcomePage /> },
    { path: "families/:id/people/new", element: <AddPersonPage /> },
    { path: "families/:id/assessments/new", element: <NewAssessmentPage /> },
    { path: "families/:id/consent", element: <ConsentPage /> },
    { path: "families/:id/overrides", element: <OverridesPage /> },
    { path: "overrides/review", element: <OverrideReviewPage /> },
    { path: "people/:personId/contact", element: <ContactEditPage /> },
    { path: "people/:personId/links", element: <PersonLinksPage /> },
    { path: "people/:personId/refer", element: <ReferPersonPage /> },
    { path: "assessments", element: <AssessmentsPage /> },
    { path: "follow-ups", element: <FollowUpsPage /> },
    { path: "one-to-one", element: <OneToOnePage /> },
    { path: "groups", element: <GroupsPage /> },
    { path: "groups/:id", element: <GroupPage /> },
    { path: "hub", element: <HubPage /> },
    { path: "hub/:id", element: <HubPage /> },
    { path: "evaluation", element: <EvaluationPage /> },
    { path: "evaluation/saved/:id", element: <SavedAnalysisPage /> },
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
    { path: "audits/templates/new", element: <AuditTemplateNewPage /> },
    { path: "audits/templates/:id", element: <AuditTemplatePage /> },
    { path: "surveys", element: <SurveysPage /> },
    { path: "surveys/:id", element: <SurveyPage /> },
    { path: "surveys/waves/:waveId", element: <SurveyResultsPage /> },
    { path: "surveys/answer/:waveId", element: <SurveyAnswerPage /> },
    { path: "extracts", element: <ExtractsPage /> },
    { path: "da", element: <DaWorkPage /> },
    { path: "da/consultations", element: <ConsultationsPage /> },
    { path: "da/marac", element: <MaracPage /> },
    { path: "statutory-import", element: <StatutoryImportPage /> },
    { path: "ssd-import", element: <SsdImportPage /> },
    { path: "admin/users", element: <UsersPage /> },
    { path: "admin/teams", element: <TeamsPage /> },
    { path: "admin/outbox", element: <OutboxPage /> },
    { path: "admin/audit", element: <AuditLogPage /> },
    { path: "*", element: <NotFoundPage /> },
  ]),
);

export function App() {
  return (
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>
  );
}
