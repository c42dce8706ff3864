// Loads the demo portfolio: on start-up into an empty database (once), and from `npm run db:seed`
// at any scale. Everything is written in one transaction: a database holds the whole demo or none
// of it, and the AppMeta "seed" row says that its products are demo data that may be erased.
import type { PrismaClient } from "~/generated/prisma/client";
import { Prisma } from "~/generated/prisma/client";
import { MINISTRIES, ORGANISATIONS, PERSONA_SCOPE, PERSONAS } from "./demo-catalogue.server";
import { createPeople, type People, type Person } from "./demo-people.server";
import { createPortfolio, type DemoReference } from "./demo-portfolio.server";
import { insertDemoRows, type SeedCounts } from "./demo-tables.server";
import { assignRole, createMinistry, createOrganisation, createUser, type Db } from "./factories.server";
import { createRandom, hashSeed } from "./random";

export type { SeedCounts } from "./demo-tables.server";

export const SEED_META_KEY = "seed";

export interface SeedMeta {
  kind: "demo";
  scale: number;
  at: string;
}

/** Serialises seeding across processes on PostgreSQL (the embedded database has one process anyway). */
const SEED_LOCK = 4_242_001;
/** Large scales take minutes; the transaction must outlive them. */
const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 6 * 60 * 60_000 };

function emptyCounts(): SeedCounts {
  const names = Object.values(Prisma.ModelName).filter((name) => name !== "AppMeta");
  return Object.fromEntries(names.map((name) => [name, 0])) as SeedCounts;
}

/** Ministries, organisations, the platform administrator and one investor per organisation. */
async function createReference(db: Db, people: People, counts: SeedCounts): Promise<DemoReference> {
  const rng = createRandom(hashSeed("reference"));
  const ministries = new Map<string, string>();
  for (const ministry of MINISTRIES) {
    const { id } = await createMinistry(db, {
      id: rng.uuid(),
      slug: ministry.key,
      name: ministry.name,
      shortName: ministry.shortName,
    });
    ministries.set(ministry.key, id);
    counts.Ministry += 1;
  }
  const organisations = new Map<string, string>();
  for (const org of ORGANISATIONS) {
    const { id } = await createOrganisation(db, {
      id: rng.uuid(),
      slug: org.key,
      name: org.name,
      acronym: org.acronym,
      type: org.type,
      ministerialDomain: org.domain,
      ministryId: ministries.get(org.ministry),
    });
    organisations.set(org.key, id);
    counts.Organisation += 1;
  }
  const addPerson = async (person: Person) => {
    await createUser(db, {
      id: person.id,
      email: person.email,
      name: person.name,
      createdAt: new Date(Date.UTC(2019, 8, 2)),
    });
    counts.User += 1;
  };
  const admin = people.persona(rng, PERSONAS.admin);
  await addPerson(admin);
  await assignRole(db, { userId: admin.id, role: "platform_admin", title: "administratrice de Jalon" });
  counts.RoleAssignment += 1;
  const investors = new Map<string, Person>();
  for (const org of ORGANISATIONS) {
    const investor =
      org.key === PERSONA_SCOPE.organisation ? people.persona(rng, PERSONAS.investor) : people.person(rng);
    await addPerson(investor);
    await assignRole(db, {
      userId: investor.id,
      role: "investor",
      organisationId: organisations.get(org.key),
      title: investor.feminine ? "directrice de programme" : "directeur de programme",
    });
    counts.RoleAssignment += 1;
    investors.set(org.key, investor);
  }
  return { ministries, organisations, investors, adminId: admin.id };
}

async function seedInto(db: Db, scale: number): Promise<SeedCounts> {
  if (await db.product.count()) {
    throw new Error("seedPortfolio needs a database without products: call resetPortfolio first.");
  }
  const counts = emptyCounts();
  const people = createPeople();
  const reference = await createReference(db, people, counts);
  // One unit at a time: memory stays bounded whatever the scale. Units share incubators by groups
  // of seven (see demo-portfolio.server.ts): products scale N×, incubators about N/7×.
  const buildUnit = createPortfolio(reference, people, scale);
  for (let unit = 0; unit < scale; unit++) {
    await insertDemoRows(db, buildUnit(unit), counts);
  }
  const meta: SeedMeta = { kind: "demo", scale, at: new Date().toISOString() };
  await db.appMeta.upsert({
    where: { key: SEED_META_KEY },
    create: { key: SEED_META_KEY, value: { ...meta } },
    update: { value: { ...meta } },
  });
  return counts;
}

/** Loads `scale` copies of the demo portfolio (scale 1 is the demo) into a database without products. */
export async function seedPortfolio(prisma: PrismaClient, { scale }: { scale: number }): Promise<SeedCounts> {
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`The scale must be a whole number ≥ 1, not ${scale}`);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
    return seedInto(tx, scale);
  }, TRANSACTION_OPTIONS);
}

/** Loads the demo portfolio when the database has no product; returns whether it did. */
export async function seedDemoIfEmpty(prisma: PrismaClient): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
    if (await tx.product.count()) return false;
    await seedInto(tx, 1);
    return true;
  }, TRANSACTION_OPTIONS);
}

/** The seed row, if the database was filled by the seed. */
export async function seedMeta(prisma: PrismaClient): Promise<SeedMeta | null> {
  const row = await prisma.appMeta.findUnique({ where: { key: SEED_META_KEY } });
  return row ? (row.value as unknown as SeedMeta) : null;
}

/**
 * Empties every portfolio table (all tables but AppMeta, whose "seed" row goes too) in one statement.
 * Only for demo data: the CLI checks the seed row first.
 */
export async function resetPortfolio(prisma: PrismaClient): Promise<void> {
  const tables = Object.values(Prisma.ModelName)
    .filter((name) => name !== "AppMeta")
    .map((name) => `"${name}"`);
  await prisma.$transaction([
    prisma.$executeRawUnsafe(`TRUNCATE ${tables.join(", ")} CASCADE`),
    prisma.appMeta.deleteMany({ where: { key: SEED_META_KEY } }),
  ]);
}
