// Separate from vite.config.ts: test settings are a type error beside the Remix plugin.
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    include: ["tests/**/*.test.ts"],
    // Browser journeys need Chromium: `npm run test:browser` (CI installs it).
    exclude: ["tests/browser/**", "**/node_modules/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/fail-on-console-error.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    env: { TZ: "Europe/Paris" },
  },
});
