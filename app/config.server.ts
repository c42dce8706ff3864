// The one place that reads the environment. Each problem becomes one French sentence naming the
// variable, so a bad deployment stops with a message an operator can act on, not a stack trace.
import path from "node:path";
import { z } from "zod";
import { projectPath } from "./project-root.server";

/** A start-up problem the operator must fix; its message is shown alone, without a stack trace. */
export class StartupError extends Error {
  override name = "StartupError";
}

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(65535))
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/)
    .optional(),
  JALON_DATA_DIR: z.string().min(1).default("data"),
  /** Load the demo portfolio into an empty database: on by default for the embedded database only. */
  JALON_DEMO_DATA: z.enum(["0", "1"]).optional(),
});

const MESSAGES: Record<string, (value: string | undefined) => string> = {
  NODE_ENV: (v) => `La variable NODE_ENV vaut « ${v} » : utilisez development, production ou test.`,
  PORT: (v) => `La variable PORT vaut « ${v} » : indiquez un numéro de port entre 1 et 65535.`,
  HOST: () => "La variable HOST est vide : indiquez une adresse d'écoute, par exemple 0.0.0.0.",
  DATABASE_URL: () =>
    "La variable DATABASE_URL doit être une adresse PostgreSQL de la forme postgresql://utilisateur@hôte:5432/base.",
  JALON_DATA_DIR: () => "La variable JALON_DATA_DIR est vide : indiquez le dossier de la base embarquée.",
  JALON_DEMO_DATA: (v) => `La variable JALON_DEMO_DATA vaut « ${v} » : utilisez 0 ou 1.`,
};

export type DatabaseTarget = { kind: "postgresql"; url: string } | { kind: "pglite"; dataDir: string };

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  database: DatabaseTarget;
  demoData: boolean;
}

/** Empty strings count as unset, as in most deployment tools' forms. */
function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""),
  );
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw = cleanEnv(env);
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const key = String(parsed.error.issues[0].path[0]);
    throw new StartupError(MESSAGES[key]?.(raw[key]) ?? `La variable ${key} est invalide.`);
  }
  const e = parsed.data;
  const database: DatabaseTarget = e.DATABASE_URL
    ? { kind: "postgresql", url: e.DATABASE_URL }
    : { kind: "pglite", dataDir: path.resolve(projectPath(), e.JALON_DATA_DIR) };
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database,
    demoData: e.JALON_DEMO_DATA ? e.JALON_DEMO_DATA === "1" : database.kind === "pglite",
  };
}

/** A database URL without its password, fit for logs and error messages. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `base embarquée (${target.dataDir})`;
  try {
    const url = new URL(target.url);
    return `PostgreSQL ${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "PostgreSQL (adresse illisible)";
  }
}
