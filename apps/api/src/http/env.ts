import type { Logger } from "../logger.js";

/** Variables set on the Hono context by the server's middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    /** Set by the static handler for front-end files (gets the app CSP). */
    staticFile?: boolean;
    /** Set for hashed build assets that may be cached. */
    cacheable?: boolean;
    /** The id of the signed-in user, once known (for the access log). */
    userId?: string;
  };
}
