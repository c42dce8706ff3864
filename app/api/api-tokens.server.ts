// API tokens: one product's key for pushing indicator values from a script or another tool. The
// token is shown once, at creation; Jalon keeps its SHA-256 (a copy of the database opens nothing)
// and its first characters, so that the team recognises it in lists and in their scripts' settings.
// A token belongs to the product, not to the person who created it: it keeps working when that
// person leaves the team, until someone revokes it.
import { recordAudit } from "~/audit/audit-log.server";
import { hashToken, newToken } from "~/auth/tokens.server";
import { db } from "~/db.server";

/** Every token starts with this, so that secret scanners and people recognise a Jalon token. */
const TOKEN_START = "jalon_";
/** "jalon_" and six random characters: enough to tell tokens apart, far too little to guess one. */
const SHOWN_LENGTH = TOKEN_START.length + 6;

export interface CreatedToken {
  id: string;
  name: string;
  /** The secret itself: shown once, never stored. */
  token: string;
}

export async function createApiToken(actor: { userId: string }, product: { id: string }, name: string): Promise<CreatedToken> {
  const token = `${TOKEN_START}${newToken()}`;
  const prefix = token.slice(0, SHOWN_LENGTH);
  const created = await db().$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { tokenHash: hashToken(token), prefix, name, productId: product.id, createdById: actor.userId },
      select: { id: true },
    });
    await recordAudit(tx, { actorId: actor.userId, action: "api_token.created", entityType: "ApiToken", entityId: row.id, data: { productId: product.id, name, prefix } });
    return row;
  });
  return { id: created.id, name, token };
}

/** The product's tokens, active ones first, newest first. */
export async function listApiTokens(productId: string) {
  const tokens = await db().apiToken.findMany({
    where: { productId },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
  return tokens
    .map(({ createdBy, ...token }) => ({ ...token, createdByName: createdBy?.name ?? null }))
    .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}

/** Revokes one of the product's active tokens; false when there is no such token. */
export async function revokeApiToken(actor: { userId: string }, product: { id: string }, tokenId: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, productId: product.id, revokedAt: null }, select: { name: true, prefix: true } });
    if (!token) return false;
    await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actorId: actor.userId, action: "api_token.revoked", entityType: "ApiToken", entityId: tokenId, data: { productId: product.id, ...token } });
    return true;
  });
}

export interface ApiCaller {
  tokenId: string;
  prefix: string;
  productId: string;
  /** Who answers for what the token writes. */
  createdById: string | null;
}

export type BearerCheck = { ok: true; caller: ApiCaller } | { ok: false; reason: "missing" | "unknown" | "revoked" };

/** The token of `Authorization: Bearer <token>`, checked. */
export async function authenticateBearer(request: Request): Promise<BearerCheck> {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(request.headers.get("Authorization") ?? "");
  if (!match) return { ok: false, reason: "missing" };
  const token = await db().apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]) },
    select: { id: true, prefix: true, productId: true, createdById: true, revokedAt: true },
  });
  if (!token) return { ok: false, reason: "unknown" };
  if (token.revokedAt) return { ok: false, reason: "revoked" };
  return { ok: true, caller: { tokenId: token.id, prefix: token.prefix, productId: token.productId, createdById: token.createdById } };
}

export async function markTokenUsed(tokenId: string, at: Date = new Date()): Promise<void> {
  await db().apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: at } });
}
