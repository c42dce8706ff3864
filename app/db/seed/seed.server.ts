import type { PrismaClient } from "~/generated/prisma/client";

/** Loads the demo portfolio into an empty database; returns whether it did. */
export async function seedDemoIfEmpty(prisma: PrismaClient): Promise<boolean> {
  void prisma;
  return false;
}
