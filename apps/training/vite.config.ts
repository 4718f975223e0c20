import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = process.env.EVIDENT_API_URL ?? "http://localhost:3000";

// Served by the API under /training/ (see apps/api/src/server.ts).
export default defineConfig({
  base: "/training/",
  plugins: [react()],
  // GOV.UK Frontend's compiled CSS keeps old IE hacks that lightningcss would otherwise refuse.
  css: { lightningcss: { errorRecovery: true } },
  server: {
    port: 5174,
    proxy: {
      "/trpc": { target: api, changeOrigin: false },
      "/api": { target: api, changeOrigin: false },
      "/health": { target: api, changeOrigin: false },
    },
  },
  build: {
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
});
