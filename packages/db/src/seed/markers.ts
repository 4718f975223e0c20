/** The `seed_run` marker of the demo trust. */
export const DEMO_MARKER = "demo";
