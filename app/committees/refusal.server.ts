// A change refused halfway through its transaction: thrown to undo everything written so far (an
// account just created included), caught where the transaction began to answer with the messages.
import type { FieldErrors } from "~/admin/form-parsing";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";

export class Refusal extends Error {
  constructor(readonly errors: FieldErrors) {
    super("refused");
  }
}

/** A refusal with one message for the whole form. */
export const refuse = (message: string) => new Refusal({ form: [message] });

export type Refused = { ok: false; errors: FieldErrors };

/** Runs `work` in one transaction; a Refusal rolls it back and becomes `{ ok: false, errors }`. */
export async function transact<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T | Refused> {
  try {
    return await db().$transaction(work);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, errors: error.errors };
    throw error;
  }
}

/** Holds a session's row until the transaction ends: its closing and its decisions take turns. */
export async function lockSession(tx: Prisma.TransactionClient, sessionId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "CommitteeSession" WHERE "id" = ${sessionId}::uuid FOR UPDATE`;
}
