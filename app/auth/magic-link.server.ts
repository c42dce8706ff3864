// Sign-in by e-mail link, the fallback when ProConnect is not available. Asking for a link never
// tells whether an address has an account; the database keeps only the token's hash, and a link
// signs in once, within 15 minutes.
import { recordAudit } from "~/audit/audit-log.server";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { escapeHtml, sendMail } from "~/mail/mailer.server";
import { hitRateLimit, type RateLimit } from "~/security/rate-limit.server";
import { hashToken, newToken } from "./tokens.server";

export const SIGN_IN_LINK_MINUTES = 15;

const PER_CLIENT: RateLimit = { name: "magic-link:ip", limit: 10, windowSeconds: 15 * 60 };
const PER_EMAIL: RateLimit = { name: "magic-link:email", limit: 3, windowSeconds: 15 * 60 };

export type SignInLinkRequest =
  /** Also the answer for an unknown or deactivated address. */
  | { outcome: "sent" }
  | { outcome: "rate-limited"; retryAfterSeconds: number }
  | { outcome: "send-failed" };

/** `next`: a local path (already checked) to open once signed in. */
export async function requestSignInLink(email: string, clientAddress: string, next?: string): Promise<SignInLinkRequest> {
  const address = email.trim().toLowerCase();
  // The counter's key is stored: an address that has no account must not be kept in clear.
  for (const [rule, subject] of [
    [PER_CLIENT, clientAddress],
    [PER_EMAIL, hashToken(address)],
  ] as const) {
    const hit = await hitRateLimit(rule, subject);
    if (!hit.allowed) return { outcome: "rate-limited", retryAfterSeconds: hit.retryAfterSeconds };
  }

  const user = await db().user.findFirst({ where: { email: address, deactivatedAt: null }, select: { id: true } });
  if (!user) return { outcome: "sent" };

  const token = newToken();
  await db().$transaction(async (tx) => {
    await tx.loginToken.create({
      data: { tokenHash: hashToken(token), email: address, expiresAt: new Date(Date.now() + SIGN_IN_LINK_MINUTES * 60_000) },
    });
    await recordAudit(tx, { actorId: null, action: "auth.link_requested", entityType: "User", entityId: user.id });
  });

  const params = new URLSearchParams({ jeton: token });
  if (next) params.set("suite", next);
  const link = `${config().appUrl}/connexion/lien?${params}`;
  try {
    await deliver(address, link);
    return { outcome: "sent" };
  } catch (error) {
    // Neither the token nor the address goes to the log; the SMTP code is what an operator needs.
    const message = error instanceof Error ? error.message.split(address).join("<destinataire>") : String(error);
    console.error(`Le lien de connexion n'a pas pu être envoyé : ${message}`);
    return { outcome: "send-failed" };
  }
}

async function deliver(address: string, link: string): Promise<void> {
  const { smtp, env } = config();
  if (!smtp) {
    // A link in a production log would let whoever reads the logs sign in as anyone.
    if (env === "production") throw new Error("SMTP_URL n'est pas configurée");
    console.info(`Lien de connexion pour ${address} : ${link}`);
    return;
  }
  const validity = `Il est valable ${SIGN_IN_LINK_MINUTES} minutes et ne sert qu'une fois.`;
  const notYou =
    "Si vous n'avez pas demandé à vous connecter, ignorez ce courriel : personne ne peut utiliser ce lien sans accéder à votre messagerie.";
  await sendMail({
    to: address,
    subject: "Votre lien de connexion à Jalon",
    text: `Bonjour,\n\nPour vous connecter à Jalon, ouvrez ce lien :\n${link}\n\n${validity}\n\n${notYou}\n`,
    html: `<p>Bonjour,</p><p>Pour vous connecter à Jalon, ouvrez ce lien :<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>${validity}</p><p>${notYou}</p>`,
  });
}

export type SignInLinkFailure = "unknown" | "used" | "expired" | "inactive-user";

/** Spends a link's token: the id of the user it signs in, or null (audited) when it cannot. */
export async function consumeSignInLink(token: string): Promise<string | null> {
  const tokenHash = hashToken(token);
  const now = new Date();
  // One conditional update: of two clicks at the same moment, exactly one gets count 1.
  const { count } = await db().loginToken.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  const row = await db().loginToken.findUnique({ where: { tokenHash }, select: { id: true, email: true, usedAt: true } });
  if (count === 1 && row) {
    const user = await db().user.findFirst({ where: { email: row.email, deactivatedAt: null }, select: { id: true } });
    if (user) return user.id;
  }
  const reason: SignInLinkFailure =
    count === 1 ? "inactive-user" : !row ? "unknown" : row.usedAt ? "used" : "expired";
  await recordAudit(db(), {
    actorId: null,
    action: "auth.sign_in_failed",
    entityType: "LoginToken",
    entityId: row?.id ?? "unknown",
    data: { method: "magic-link", reason },
  });
  return null;
}
