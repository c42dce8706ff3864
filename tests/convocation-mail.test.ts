// The convocation through a real SMTP server on loopback: each member receives it with the session's
// .ics invitation attached, and the sending is recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendConvocation } from "~/committees/convocation.server";
import { createCommitteeSession, createIncubator, createProduct, createUser } from "~/db/seed/factories.server";
import { setupTestDatabase } from "./support/db";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";

const db = setupTestDatabase();
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  // config() reads the environment once, at its first call: set before any.
  process.env.SMTP_URL = smtp.url;
});
afterAll(() => smtp?.close());

describe("the convocation e-mail", () => {
  it("reaches every member with the .ics invitation attached", async () => {
    const incubator = await createIncubator(db());
    const product = await createProduct(db(), { primaryIncubatorId: incubator.id, name: "Aides en un clic" });
    const admin = await createUser(db());
    const members = await Promise.all([createUser(db()), createUser(db())]);
    const session = await createCommitteeSession(db(), {
      incubatorId: incubator.id,
      title: "Comité de printemps",
      startsAt: new Date(Date.now() + 20 * 24 * 3600 * 1000),
      productIds: [product.id],
    });
    for (const member of members) {
      await db().committeeMember.create({ data: { sessionId: session.id, userId: member.id, name: member.name, seat: "sponsor" } });
    }

    const result = await sendConvocation(admin.id, session.id);
    expect(result.ok).toBe(true);
    expect(smtp.mails.map((m) => m.to).sort()).toEqual(members.map((m) => [m.email]).sort());
    for (const mail of smtp.mails) {
      expect(mail.raw).toContain("filename=comite.ics");
      expect(mail.raw).toMatch(/Content-Type: text\/calendar/i);
    }
    expect((await db().committeeSession.findUniqueOrThrow({ where: { id: session.id } })).convocationSentAt).not.toBeNull();
  });
});
