import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.js"],
    setupFiles: ["test/helpers/setup-rule-tester.js"],
    testTimeout: 30000,
  },
});
