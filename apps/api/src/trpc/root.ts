/** The API's router: one sub-router per domain. Procedure paths are `<router>.<verb>`. */
import { adminRouter } from "./routers/admin/router.js";
import { episodesRouter } from "./routers/episodes/router.js";
import { evaluationRouter } from "./routers/evaluation/router.js";
import { familiesRouter } from "./routers/families/router.js";
import { peopleRouter } from "./routers/people/router.js";
import { programmesRouter } from "./routers/programmes/router.js";
import { referralsRouter } from "./routers/referrals/router.js";
import { sessionRouter } from "./routers/session/router.js";
import { trainingRouter } from "./routers/training/router.js";
import { assessmentsRouter } from "./routers/assessments/router.js";
import { consentRouter } from "./routers/consent/router.js";
import { followUpsRouter } from "./routers/followUps/router.js";
import { hubRouter } from "./routers/hub/router.js";
import { questionnairesRouter } from "./routers/questionnaires/router.js";
import { financeRouter } from "./routers/finance/router.js";
import { extractsRouter } from "./routers/extracts/router.js";
import { statutoryRouter } from "./routers/statutory/router.js";
import { ssdRouter } from "./routers/ssd/router.js";
import { logicModelsRouter } from "./routers/logicModels/router.js";
import { monitoringRouter } from "./routers/monitoring/router.js";
import { decisionsRouter } from "./routers/decisions/router.js";
import { auditsRouter } from "./routers/audits/router.js";
import { surveysRouter } from "./routers/surveys/router.js";
import { daConsultationsRouter } from "./routers/consultations/router.js";
import { maracRouter } from "./routers/marac/router.js";
import { createCallerFactory, router } from "./trpc.js";

export const appRouter = router({
  session: sessionRouter,
  families: familiesRouter,
  people: peopleRouter,
  referrals: referralsRouter,
  episodes: episodesRouter,
  programmes: programmesRouter,
  evaluation: evaluationRouter,
  admin: adminRouter,
  assessments: assessmentsRouter,
  hub: hubRouter,
  followUps: followUpsRouter,
  questionnaires: questionnairesRouter,
  finance: financeRouter,
  consent: consentRouter,
  training: trainingRouter,
  audits: auditsRouter,
  surveys: surveysRouter,
  daConsultations: daConsultationsRouter,
  marac: maracRouter,
  logicModels: logicModelsRouter,
  monitoring: monitoringRouter,
  decisions: decisionsRouter,
  extracts: extractsRouter,
  statutory: statutoryRouter,
  ssd: ssdRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
