import { defineConfig } from "vitest/config";

// Workspace packages are used as built (Turborepo builds them before these tests).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
