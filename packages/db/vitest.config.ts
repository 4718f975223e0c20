import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // PGlite is single-threaded WebAssembly; files share the 2 cores better one at a time.
    fileParallelism: false,
  },
});
