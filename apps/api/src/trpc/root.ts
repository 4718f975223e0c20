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
  consent: consentRouter,
  training: trainingRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
