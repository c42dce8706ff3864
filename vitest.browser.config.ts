// The browser journeys: same setup as the main suite, other files, one at a time (one Chromium).
import { defineConfig } from "vitest/config";
import base from "./vitest.config";

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/browser/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    fileParallelism: false,
  },
});
