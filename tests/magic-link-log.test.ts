// Without SMTP (a local start), the sign-in link goes to the server log instead of a mailbox.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { hashToken } from "~/auth/tokens.server";
import { createUser } from "~/db/seed/factories.server";
import { action as requestAction } from "~/routes/connexion";
import { setupTestDatabase } from "./support/db";
import { routeArgs } from "./support/routes";

const db = setupTestDatabase();

const saved = { SMTP_URL: process.env.SMTP_URL, APP_URL: process.env.APP_URL };
beforeAll(() => {
  // Before the first config() call, which reads the environment once.
  delete process.env.SMTP_URL;
  process.env.APP_URL = "http://localhost:3000";
});
afterAll(() => Object.assign(process.env, saved));

it("prints the link in one line of the server log", async () => {
  await createUser(db(), { email: "local@exemple.gouv.fr" });
  const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
  const result = await requestAction(routeArgs("/connexion", { body: new URLSearchParams({ email: "local@exemple.gouv.fr" }) }));
  expect(result.init?.status ?? 200).toBe(200);
  expect(info).toHaveBeenCalledOnce();
  const line = String(info.mock.calls[0][0]);
  const match = /^Lien de connexion pour local@exemple\.gouv\.fr : (http:\/\/localhost:3000\/connexion\/lien\?jeton=([\w-]{43}))$/.exec(line);
  expect(match, line).not.toBeNull();
  expect(await db().loginToken.count({ where: { tokenHash: hashToken(match![2]) } })).toBe(1);
  info.mockRestore();
});
