// npm run bench [-- --scale 50 --duration 10 --connections 4 --mixed-connections 50 --workers 1 --only postgresql|pglite --no-save --keep --reuse]
// Seeds a portfolio at scale on PostgreSQL (a database of its own) and on the embedded PGlite, starts
// the built server on each, measures the main pages under concurrent clients, prints a table with the
// targets, and appends it to bench/results.md. Exits non-zero only when it cannot run at all.
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { DatabaseTarget } from "../app/config.server";
import { openDatabase } from "../app/db/connect.server";
import { monthKey, parisToday, readEntryMonth } from "../app/domain/entry-periods";
import { projectPath } from "../app/project-root.server";
import { plural } from "../app/ui/plural";
import { startServer, targetEnv, type RunningServer } from "../tests/support/server";
import { databaseUrl, withAdminClient } from "../tests/support/template";
import { runLoad, summarize, type BenchRequest, type Summary } from "./bench/load";

const USAGE = `Usage : npm run bench -- [--scale 50] [--duration 10] [--connections 4] [--mixed-connections 50] [--workers 1] [--only postgresql|pglite] [--no-save] [--keep] [--reuse]
  --scale              taille du portefeuille (copies du jeu de démonstration ; 50 ≈ 2 200 produits)
  --duration           secondes de mesure par scénario (après une requête de chauffe par client)
  --connections        clients simultanés par page
  --mixed-connections  clients simultanés de la charge mixte en lecture
  --workers            processus Node du serveur sur PostgreSQL (JALON_WORKERS ; la base embarquée en a toujours un)
  --only               une seule base
  --no-save            ne pas ajouter les résultats à bench/results.md
  --keep               garder la base jalon_bench à la fin (PostgreSQL)
  --reuse              mesurer la base jalon_bench gardée, sans la recréer ni la remplir (PostgreSQL)
PostgreSQL : BENCH_DATABASE_URL (connexion d'administration), sinon postgresql://postgres@127.0.0.1:5432/postgres ; la base jalon_bench y est recréée puis supprimée.`;

interface Options {
  scale: number;
  duration: number;
  connections: number;
  mixedConnections: number;
  workers: number;
  only?: string;
  save: boolean;
  keep: boolean;
  reuse: boolean;
}

function options(): Options | null {
  try {
    const { values } = parseArgs({
      options: {
        scale: { type: "string", default: "50" },
        duration: { type: "string", default: "10" },
        connections: { type: "string", default: "4" },
        "mixed-connections": { type: "string", default: "50" },
        workers: { type: "string", default: "1" },
        only: { type: "string" },
        "no-save": { type: "boolean", default: false },
        keep: { type: "boolean", default: false },
        reuse: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
    });
    const int = (text: string, max: number) => (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= max ? Number(text) : null);
    const parsed = {
      scale: int(values.scale, 500),
      duration: int(values.duration, 3600),
      connections: int(values.connections, 500),
      mixedConnections: int(values["mixed-connections"], 1000),
      workers: int(values.workers, 64),
      only: values.only,
      save: !values["no-save"],
      keep: values.keep,
      reuse: values.reuse,
    };
    if (values.help || Object.values(parsed).includes(null) || (parsed.only && !["postgresql", "pglite"].includes(parsed.only))) {
      return null;
    }
    return parsed as Options;
  } catch {
    return null;
  }
}

/** Products the write scenario spreads its clients over. */
const WRITERS = 10;
const BENCH_DATABASE = "jalon_bench";
const SESSION_SECRET = "bench-secret-0123456789-abcdefghijklmnopq";
const number = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString("fr-FR", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "–";

// ---------- Databases ----------

interface Prepared {
  label: string;
  target: DatabaseTarget;
  /** False when measuring a database kept by an earlier run. */
  seeded: boolean;
  drop(): Promise<void>;
}

async function preparePostgresql(opts: Options): Promise<Prepared | string> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  let reused = false;
  let version = "";
  try {
    [reused, version] = await withAdminClient(adminUrl, async (c) => {
      const { rows } = await c.query<{ version: string }>("SELECT current_setting('server_version') AS version");
      const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [BENCH_DATABASE]);
      if (opts.reuse && rowCount) return [true, rows[0].version] as const;
      await c.query(`DROP DATABASE IF EXISTS "${BENCH_DATABASE}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${BENCH_DATABASE}"`);
      return [false, rows[0].version] as const;
    });
  } catch (error) {
    return `PostgreSQL ignoré : ${new URL(adminUrl).host} ne répond pas ou refuse la création de ${BENCH_DATABASE} (${(error as Error).message}).`;
  }
  return {
    label: `PostgreSQL ${version}`,
    target: { kind: "postgresql", url: databaseUrl(adminUrl, BENCH_DATABASE) },
    seeded: !reused,
    drop: async () => {
      if (!opts.keep) await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${BENCH_DATABASE}" WITH (FORCE)`));
    },
  };
}

function preparePglite(): Prepared {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "jalon-bench-"));
  return {
    label: "PGlite (embarquée)",
    target: { kind: "pglite", dataDir },
    seeded: true,
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

function seed(target: DatabaseTarget, scale: number): string {
  const started = performance.now();
  const run = spawnSync(projectPath("node_modules", ".bin", "tsx"), ["scripts/db-seed.ts", "--scale", String(scale)], {
    cwd: projectPath(),
    env: { ...withoutDatabaseEnv(), ...targetEnv(target) },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`Le seed a échoué :\n${run.stdout}${run.stderr}`);
  return `${number((performance.now() - started) / 1000)} s`;
}

function withoutDatabaseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.JALON_DATA_DIR;
  return env;
}

/** What the scenarios ask for, read from the seeded data before the server opens it. */
interface Fixtures {
  adminId: string;
  incubatorSlug: string;
  products: string[];
  dossiers: { sessionId: string; slug: string }[];
  counts: { products: number; values: number };
}

async function readFixtures(target: DatabaseTarget): Promise<Fixtures> {
  const database = openDatabase(target);
  try {
    const prisma = database.prisma;
    const admin = await prisma.user.findFirstOrThrow({ where: { email: "admin@demo.jalon.example" }, select: { id: true } });
    // The incubator with the most products: the heaviest portfolio page.
    const [incubator] = await prisma.$queryRaw<{ slug: string }[]>`
      SELECT i.slug FROM "Incubator" i JOIN "Product" p ON p."primaryIncubatorId" = i.id
      GROUP BY i.id ORDER BY count(*) DESC, i.slug LIMIT 1`;
    // Products with live indicators, spread over the portfolio.
    const products = await prisma.$queryRaw<{ slug: string }[]>`
      SELECT p.slug FROM "Product" p
      WHERE EXISTS (SELECT 1 FROM "Indicator" i WHERE i."productId" = p.id AND i."archivedAt" IS NULL)
      ORDER BY md5(p.slug) LIMIT 40`;
    // Drafts of products on the agenda of sessions still to come: their dossier is built from live data.
    const dossiers = await prisma.$queryRaw<{ sessionId: string; slug: string }[]>`
      SELECT s.id AS "sessionId", p.slug FROM "AgendaItem" a
      JOIN "CommitteeSession" s ON s.id = a."sessionId" JOIN "Product" p ON p.id = a."productId"
      WHERE s.status = 'planned' AND s."startsAt" > now()
        AND NOT EXISTS (SELECT 1 FROM "Dossier" d WHERE d."sessionId" = s.id AND d."productId" = p.id AND d.status = 'submitted')
      ORDER BY md5(s.id::text || p.slug) LIMIT 20`;
    const [productCount, valueCount] = await Promise.all([prisma.product.count(), prisma.indicatorValue.count()]);
    if (!incubator || products.length === 0) throw new Error("Le jeu de données ne contient ni incubateur ni produit avec indicateurs.");
    return { adminId: admin.id, incubatorSlug: incubator.slug, products: products.map((p) => p.slug), dossiers, counts: { products: productCount, values: valueCount } };
  } finally {
    await database.close();
  }
}

// ---------- Scenarios ----------

interface Scenario {
  name: string;
  /** The target this scenario is held to, if any. */
  target?: { p95: number };
  requests: (client: number, n: number) => BenchRequest;
  /** Sent before each request, outside its time. */
  before?: (client: number, n: number) => BenchRequest;
  /** Clients of this scenario, when not the run's `--connections`. */
  clients?: number;
}

async function signIn(url: string, userId: string): Promise<string> {
  const response = await fetch(`${url}/connexion/demo`, {
    method: "POST",
    body: new URLSearchParams({ userId }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`La connexion de démonstration a échoué (HTTP ${response.status}).`);
  return cookie;
}

/** One field of each product's entry screen (this month's screen): what a team types in. */
async function entryForms(url: string, cookie: string, slugs: readonly string[]) {
  const forms: { slug: string; periode: string; field: string; reason: string }[] = [];
  const periode = (() => {
    const asked = readEntryMonth(null, parisToday());
    return asked.ok ? monthKey(asked.month) : null;
  })();
  for (const slug of slugs) {
    const html = await (await fetch(`${url}/produits/${slug}/indicateurs/saisie`, { headers: { cookie } })).text();
    const field = /name="(valeur-[0-9a-f-]{36}-(\d{4}-\d{2}-\d{2}))"/.exec(html);
    if (field && periode) forms.push({ slug, periode, field: field[1], reason: field[1].replace(/^valeur-/, "raison-") });
  }
  return forms;
}

const cycle = <T>(items: readonly T[], i: number) => items[i % items.length];

async function scenarios(url: string, fixtures: Fixtures, cookie: string): Promise<{ pages: Scenario[]; mixed: Scenario; notes: string[] }> {
  const notes: string[] = [];
  const signedIn = { cookie };
  const read = (path: string): BenchRequest => ({ path, headers: signedIn });
  const dashboard = await fetch(`${url}/tableau-de-bord`, { headers: signedIn });
  const pages: Scenario[] = [];
  if (dashboard.status === 200) {
    pages.push({ name: "Tableau de bord du réseau", target: { p95: 100 }, requests: () => read("/tableau-de-bord") });
  } else {
    notes.push(`Tableau de bord du réseau : non disponible (HTTP ${dashboard.status} sur /tableau-de-bord).`);
  }
  const lists = [
    "/?revue=en-retard&tri=revue",
    "/?phase=construction&tri=mise-a-jour",
    "/?statut=actifs&indicateurs=en-retard&tri=revue",
    `/incubateurs/${fixtures.incubatorSlug}?tri=revue`,
    `/incubateurs/${fixtures.incubatorSlug}?phase=acceleration&tri=nom&page=2`,
  ];
  pages.push(
    { name: "Portefeuille filtré (réseau, incubateur)", target: { p95: 100 }, requests: (c, n) => read(cycle(lists, c + n)) },
    { name: "Page produit", target: { p95: 50 }, requests: (c, n) => read(`/produits/${cycle(fixtures.products, c * 7 + n)}`) },
  );
  if (fixtures.dossiers.length > 0) {
    const dossier = (c: number, n: number) => cycle(fixtures.dossiers, c * 3 + n);
    pages.push(
      {
        name: "Dossier de comité (construit)",
        target: { p95: 150 },
        requests: (c, n) => read(`/comites/${dossier(c, n).sessionId}/dossiers/${dossier(c, n).slug}/imprimer`),
      },
      { name: "Dossier de comité (PDF)", requests: (c, n) => read(`/comites/${dossier(c, n).sessionId}/dossiers/${dossier(c, n).slug}.pdf`) },
    );
  } else {
    notes.push("Dossier de comité : aucun produit à l'ordre du jour d'une séance à venir dans ce jeu de données.");
  }
  // Each client writes to its own product, as teams do; a changed value every time, so each request writes.
  const forms = await entryForms(url, cookie, fixtures.products.slice(0, WRITERS));
  const entry = (c: number, n: number): BenchRequest => {
    const form = cycle(forms, c);
    const body = new URLSearchParams({ intent: "enter", periode: form.periode, [form.field]: String(1000 + n), [form.reason]: "Banc d'essai" });
    return {
      method: "POST",
      path: `/produits/${form.slug}/indicateurs/saisie`,
      headers: { ...signedIn, "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
      expect: 302,
    };
  };
  if (forms.length > 0) {
    pages.push({ name: "Saisie d'indicateurs (écriture)", target: { p95: 30 }, requests: entry });
    if (dashboard.status === 200) {
      // The figures are kept until the data changes: after a team's entry, the next view computes them all.
      pages.push({ name: "Tableau de bord après une saisie (tout recalculé, 1 client)", clients: 1, before: entry, requests: () => read("/tableau-de-bord") });
    }
  } else {
    notes.push("Saisie d'indicateurs : aucun écran de saisie avec un champ dans ce jeu de données.");
  }
  pages.push({
    name: "API publique (liste)",
    requests: (_c, n) => ({ path: `/api/public/v1/products?page=${(n % 5) + 1}` }),
  });
  // Reads only, each page once: the writes, the PDF and the dashboard recomputed after a write stay out.
  const reads = pages.filter((p) => !p.before && p.requests !== entry && p.name !== "Dossier de comité (PDF)");
  const mixed: Scenario = { name: "Charge mixte en lecture", requests: (c, n) => cycle(reads, c + n).requests(c, n) };
  return { pages, mixed, notes };
}

// ---------- Measuring ----------

/** The server's peak resident memory: its process and those it forked (JALON_WORKERS), each at its own peak. */
function peakMemoryMb(pid: number): number {
  const forked = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  return [String(pid), ...forked].reduce((total, process) => {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${process}/status`, "utf8"))?.[1];
    return total + (kb ? Number(kb) / 1024 : Number.NaN);
  }, 0);
}

interface Measured {
  label: string;
  seedTime: string;
  counts: Fixtures["counts"];
  /** Each page under its clients, and alone (one client: no queueing, the framework's share as it is). */
  rows: { scenario: Scenario; summary: Summary; alone: Summary }[];
  mixed: Summary;
  mixedClients: number;
  workers: number;
  memoryMb: number;
  notes: string[];
}

async function measure(prepared: Prepared, opts: Options): Promise<Measured> {
  console.log(`\n${prepared.label} : ${prepared.seeded ? `seed à l'échelle ${opts.scale}…` : "base gardée d'une mesure précédente."}`);
  const seedTime = prepared.seeded ? `seed en ${seed(prepared.target, opts.scale)}` : "base gardée";
  const fixtures = await readFixtures(prepared.target);
  console.log(`${prepared.label} : ${number(fixtures.counts.products)} produits, ${number(fixtures.counts.values)} valeurs d'indicateurs (${seedTime}).`);
  let server: RunningServer | undefined;
  const workers = prepared.target.kind === "postgresql" ? opts.workers : 1;
  try {
    server = (await startServer({
      JALON_WORKERS: String(workers),
      ...targetEnv(prepared.target),
      JALON_DEMO_DATA: "0",
      JALON_DEMO_SIGNIN: "1",
      JALON_SERVER_TIMING: "1",
      SESSION_SECRETS: SESSION_SECRET,
    }));
    const cookie = await signIn(server.url, fixtures.adminId);
    const { pages, mixed, notes } = await scenarios(server.url, fixtures, cookie);
    const rows: Measured["rows"] = [];
    const load = (scenario: Scenario, clients: number, seconds: number) =>
      runLoad({ url: server!.url, clients, seconds, next: scenario.requests, before: scenario.before }).then(summarize);
    for (const scenario of pages) {
      process.stdout.write(`  ${scenario.name}… `);
      // Alone first: with several clients, a request's SQL time includes its turn on the process's one
      // thread, which would pass the framework's work for the database's.
      const alone = await load(scenario, 1, Math.max(3, Math.round(opts.duration / 2)));
      const clients = scenario.clients ?? opts.connections;
      const summary = clients === 1 ? alone : await load(scenario, clients, opts.duration);
      console.log(
        `p95 ${number(summary.p95)} ms, ${number(summary.perSecond)} req/s${summary.errors ? `, ${summary.errors} erreurs` : ""} (seul : p95 ${number(alone.p95)} ms)`,
      );
      rows.push({ scenario, summary, alone });
    }
    process.stdout.write(`  ${mixed.name} (${opts.mixedConnections} clients)… `);
    const mixedSummary = summarize(
      await runLoad({ url: server.url, clients: opts.mixedConnections, seconds: opts.duration, next: mixed.requests }),
    );
    console.log(`${number(mixedSummary.perSecond)} req/s, ${mixedSummary.errors} erreurs`);
    if ([...rows.flatMap(runsOf), mixedSummary].some((s) => s.errors > 0)) {
      console.log(`  Fin de la sortie du serveur, pour comprendre les erreurs :\n${server.output().split("\n").slice(-30).join("\n")}`);
    }
    return {
      label: prepared.label,
      seedTime,
      counts: fixtures.counts,
      rows,
      mixed: mixedSummary,
      mixedClients: opts.mixedConnections,
      workers,
      memoryMb: peakMemoryMb(server.pid),
      notes,
    };
  } finally {
    await server?.stop();
  }
}

// ---------- Reporting ----------

const verdict = (ok: boolean) => (ok ? "✅ atteint" : "❌ manqué");

/** The runs of a page: alone, and with its clients unless it has one client only (then the same run). */
const runsOf = (row: Measured["rows"][number]) => (row.alone === row.summary ? [row.alone] : [row.alone, row.summary]);

/** The SQL's share of a request's time on the server; the rest is Jalon and its framework. */
function share(s: Summary): string {
  const ratio = s.databaseMs / s.serverMs;
  return Number.isFinite(ratio) ? `${number(ratio * 100)} %` : "–";
}

function table(result: Measured, enforceTargets: boolean): string {
  const lines = [
    `| Scénario | p50 (ms) | p95 (ms) | p99 (ms) | req/s | erreurs | p95 seul (ms) | SQL seul (ms) | requêtes SQL | serveur seul (ms) | part du SQL | objectif p95 |`,
    `|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|`,
  ];
  for (const row of result.rows) {
    const { scenario, summary: s, alone } = row;
    const target = scenario.target
      ? enforceTargets
        ? `≤ ${scenario.target.p95} ms : ${verdict(s.p95 <= scenario.target.p95 && s.errors === 0)}`
        : `≤ ${scenario.target.p95} ms (PostgreSQL)`
      : "";
    lines.push(
      `| ${scenario.name} | ${number(s.p50, 1)} | ${number(s.p95, 1)} | ${number(s.p99, 1)} | ${number(s.perSecond)} | ${runsOf(row).reduce((sum, run) => sum + run.errors, 0)} | ${number(alone.p95, 1)} | ${number(alone.databaseMs, 1)} | ${number(alone.queries, 1)} | ${number(alone.serverMs, 1)} | ${share(alone)} | ${target} |`,
    );
  }
  const m = result.mixed;
  const mixedOk = m.perSecond >= 300 && m.errors === 0;
  lines.push(
    `| ${`Charge mixte en lecture, ${result.mixedClients} clients`} | ${number(m.p50, 1)} | ${number(m.p95, 1)} | ${number(m.p99, 1)} | ${number(m.perSecond)} | ${m.errors} | – | – | ${number(m.queries, 1)} | – | – | ${enforceTargets ? `≥ 300 req/s sans erreur : ${verdict(mixedOk)}` : ""} |`,
  );
  const memoryOk = result.memoryMb <= 400;
  const errors = [...result.rows.flatMap((row) => runsOf(row).flatMap((run) => run.errorKinds)), ...m.errorKinds];
  return [
    `**${result.label}**, ${result.workers > 1 ? `${result.workers} processus Node (JALON_WORKERS)` : "un processus Node"} — ${number(result.counts.products)} produits, ${number(result.counts.values)} valeurs d'indicateurs (${result.seedTime}).`,
    "",
    ...lines,
    "",
    `Mémoire du serveur (pic RSS, VmHWM${result.workers > 1 ? ", somme des processus" : ""}) : ${number(result.memoryMb)} Mo${enforceTargets ? ` — objectif ≤ 400 Mo : ${verdict(memoryOk)}` : ""}.`,
    ...result.notes.map((note) => `- ${note}`),
    ...errors.map((error) => `- Exemple d'erreur : ${error}`),
  ].join("\n");
}

function machine(): string {
  const cpus = os.cpus();
  const git = (args: string[]) => {
    try {
      return execFileSync("git", args, { cwd: projectPath(), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "inconnu";
    }
  };
  // The results file itself is left out: earlier runs of the same session append to it.
  const dirty = git(["status", "--porcelain", "--", ".", ":!bench/results.md"]) ? " (avec des modifications non commitées)" : "";
  return [
    `Machine : ${cpus[0]?.model.trim() ?? "processeur inconnu"}, ${cpus.length} cœurs, ${number(os.totalmem() / 1024 ** 3, 1)} Go de RAM, charge au départ ${os.loadavg().map((l) => number(l, 2)).join(" / ")}`,
    `Node ${process.version} (la version de PostgreSQL est dans le titre de sa section), commit ${git(["rev-parse", "--short", "HEAD"])}${dirty}`,
  ].join("\n");
}

async function main(): Promise<number> {
  const opts = options();
  if (!opts) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(projectPath("build", "server", "index.js"))) {
    console.log("Pas de build : npm run build…");
    execFileSync("npm", ["run", "build"], { cwd: projectPath(), stdio: "inherit" });
  }
  const header = [
    `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — échelle ${opts.scale}, ${opts.duration} s par scénario, ${plural(opts.connections, "client", "clients")} par page`,
    "",
    machine(),
  ].join("\n");
  console.log(header);
  // Each database's table is printed and saved as soon as it is measured: a later failure keeps it.
  const save = (text: string) => {
    console.log(`\n${text}\n`);
    if (!opts.save) return;
    const file = projectPath("bench", "results.md");
    if (!existsSync(file)) {
      mkdirSync(projectPath("bench"), { recursive: true });
      appendFileSync(file, "# Résultats du banc d'essai\n\nAjoutés par `npm run bench`, du plus ancien au plus récent. Objectifs : voir le README.\n\n");
    }
    appendFileSync(file, `${text}\n\n`);
  };
  if (opts.save) save(header);
  const kinds = opts.only ? [opts.only] : ["postgresql", "pglite"];
  for (const kind of kinds) {
    const prepared = kind === "postgresql" ? await preparePostgresql(opts) : preparePglite();
    if (typeof prepared === "string") {
      save(prepared);
      continue;
    }
    try {
      save(table(await measure(prepared, opts), kind === "postgresql"));
    } finally {
      await prepared.drop();
    }
  }
  if (opts.save) console.log("Résultats ajoutés à bench/results.md.");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Le banc d'essai n'a pas pu aller au bout : ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
