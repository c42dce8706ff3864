// An unexpected console.error is a bug the test did not see: fail the test that caused it.
import { afterEach, vi } from "vitest";

const errors: unknown[][] = [];
const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  errors.push(args);
});

afterEach(() => {
  const seen = errors.splice(0);
  if (seen.length) {
    spy.mockClear();
    throw new Error(`console.error appelé pendant le test :\n${seen.map((a) => a.map(String).join(" ")).join("\n")}`);
  }
});
