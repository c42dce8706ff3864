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
  /** Allows the persona sign-in page with NODE_ENV=production (a public demo instance). */
  JALON_DEMO_SIGNIN: z.enum(["0", "1"]).optional(),
  /** The address users reach Jalon at: sign-in links and OpenID Connect redirections use it. */
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Comma-separated; the first signs new cookies, all are accepted (rotation). */
  SESSION_SECRETS: z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()))
    .pipe(z.array(z.string().min(32)).min(1))
    .optional(),
  OIDC_DISCOVERY_URL: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().min(1).default("openid email given_name usual_name"),
  /** Days without any update after which a product is flagged as stale in lists. */
  JALON_STALE_AFTER_DAYS: z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(3650))
    .default(60),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default("Jalon <ne-pas-repondre@jalon.example>"),
  /** Adds a Server-Timing header (database time and statements) to every response: for measuring. */
  JALON_SERVER_TIMING: z.enum(["0", "1"]).optional(),
  /** Reverse proxies (load balancers) in front of Jalon: the client's address is read from X-Forwarded-For. */
  TRUST_PROXY: z
    .string()
    .regex(/^\d$/)
    .transform(Number)
    .default(0),
  /** Node processes serving requests (node:cluster), to use several cores: PostgreSQL only. */
  JALON_WORKERS: z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(64))
    .default(1),
});

const MESSAGES: Record<string, (value: string | undefined) => string> = {
  NODE_ENV: (v) => `La variable NODE_ENV vaut « ${v} » : utilisez development, production ou test.`,
  PORT: (v) => `La variable PORT vaut « ${v} » : indiquez un numéro de port entre 1 et 65535.`,
  HOST: () => "La variable HOST est vide : indiquez une adresse d'écoute, par exemple 0.0.0.0.",
  DATABASE_URL: () =>
    "La variable DATABASE_URL doit être une adresse PostgreSQL de la forme postgresql://utilisateur@hôte:5432/base.",
  JALON_DATA_DIR: () => "La variable JALON_DATA_DIR est vide : indiquez le dossier de la base embarquée.",
  JALON_DEMO_DATA: (v) => `La variable JALON_DEMO_DATA vaut « ${v} » : utilisez 0 ou 1.`,
  JALON_DEMO_SIGNIN: (v) => `La variable JALON_DEMO_SIGNIN vaut « ${v} » : utilisez 0 ou 1.`,
  APP_URL: (v) => `La variable APP_URL vaut « ${v} » : indiquez l'adresse publique de Jalon, par exemple https://jalon.exemple.gouv.fr.`,
  SESSION_SECRETS: () =>
    "La variable SESSION_SECRETS doit contenir un ou plusieurs secrets d'au moins 32 caractères, séparés par des virgules.",
  OIDC_DISCOVERY_URL: () =>
    "La variable OIDC_DISCOVERY_URL doit être une adresse http(s), par exemple https://auth.agentconnect.gouv.fr/api/v2/.well-known/openid-configuration.",
  OIDC_CLIENT_ID: () => "La variable OIDC_CLIENT_ID est vide.",
  OIDC_CLIENT_SECRET: () => "La variable OIDC_CLIENT_SECRET est vide.",
  OIDC_SCOPES: () => "La variable OIDC_SCOPES est vide.",
  JALON_STALE_AFTER_DAYS: (v) =>
    `La variable JALON_STALE_AFTER_DAYS vaut « ${v} » : indiquez un nombre de jours entre 1 et 3650.`,
  SMTP_URL: () => "La variable SMTP_URL doit être de la forme smtp://utilisateur:motdepasse@hôte:587 (ou smtps://).",
  MAIL_FROM: () => "La variable MAIL_FROM est trop courte : indiquez l'expéditeur des courriels.",
  JALON_SERVER_TIMING: (v) => `La variable JALON_SERVER_TIMING vaut « ${v} » : utilisez 0 ou 1.`,
  TRUST_PROXY: (v) =>
    `La variable TRUST_PROXY vaut « ${v} » : indiquez le nombre de relais (répartiteurs de charge) devant Jalon, par exemple 1.`,
  JALON_WORKERS: (v) => `La variable JALON_WORKERS vaut « ${v} » : indiquez un nombre de processus entre 1 et 64.`,
};

/** Used outside production only, so that a local start needs no secret. */
const DEVELOPMENT_SECRET = "jalon-development-secret-not-for-production-use";

export type DatabaseTarget = { kind: "postgresql"; url: string } | { kind: "pglite"; dataDir: string };

export interface OidcConfig {
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
}

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  appUrl: string;
  database: DatabaseTarget;
  demoData: boolean;
  /**
   * Persona sign-in: "explicit" on any demo-seeded database (JALON_DEMO_SIGNIN=1), "local" on the
   * embedded demo database outside production, "off" otherwise.
   */
  demoSignIn: "explicit" | "local" | "off";
  sessionSecrets: string[];
  oidc: OidcConfig | null;
  smtp: { url: string } | null;
  mailFrom: string;
  staleAfterDays: number;
  serverTiming: boolean;
  /** Proxies in front of Jalon, for Express's "trust proxy" (0: clients connect directly). */
  trustProxyHops: number;
  /** Processes serving requests on the same port (server.js forks them with node:cluster). */
  workers: number;
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
  if (database.kind === "pglite" && e.JALON_WORKERS > 1) {
    throw new StartupError(
      "La base embarquée n'admet qu'un seul processus : JALON_WORKERS au-delà de 1 demande une base PostgreSQL (DATABASE_URL).",
    );
  }
  const production = e.NODE_ENV === "production";
  if (production && !e.SESSION_SECRETS) {
    throw new StartupError(
      "La variable SESSION_SECRETS est obligatoire en production : indiquez un secret aléatoire d'au moins 32 caractères.",
    );
  }
  const oidcKeys = [e.OIDC_DISCOVERY_URL, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcKeys.some(Boolean) && !oidcKeys.every(Boolean)) {
    throw new StartupError(
      "La connexion ProConnect demande les trois variables OIDC_DISCOVERY_URL, OIDC_CLIENT_ID et OIDC_CLIENT_SECRET : renseignez-les toutes ou aucune.",
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    database,
    demoData: e.JALON_DEMO_DATA ? e.JALON_DEMO_DATA === "1" : database.kind === "pglite",
    demoSignIn:
      e.JALON_DEMO_SIGNIN === "1" ? "explicit" : e.JALON_DEMO_SIGNIN === "0" || production ? "off" : "local",
    sessionSecrets: e.SESSION_SECRETS ?? [DEVELOPMENT_SECRET],
    oidc:
      e.OIDC_DISCOVERY_URL && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            discoveryUrl: e.OIDC_DISCOVERY_URL,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            scopes: e.OIDC_SCOPES,
          }
        : null,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL } : null,
    mailFrom: e.MAIL_FROM,
    staleAfterDays: e.JALON_STALE_AFTER_DAYS,
    serverTiming: e.JALON_SERVER_TIMING === "1",
    trustProxyHops: e.TRUST_PROXY,
    workers: e.JALON_WORKERS,
  };
}

let cached: Config | undefined;

/** The process's configuration, read once (start-up has already validated it). */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
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
