// npm run stress: the fault tests too slow for the suite, on a private PostgreSQL cluster (never the
// machine's shared one). Needs the production build (npm run build) and PostgreSQL's binaries.
// Jalon runs as two processes behind a round-robin balancer (tests/support/balancer.ts), as scaled out
// in production.
//  1. SIGKILL of one of the two processes in the middle of a 10,000-row CSV import: the database is as
//     before, and the other process keeps serving.
//  2. SIGKILL of `npm run import:betagouv` in the middle of its transaction: the database is as before.
//  3. PostgreSQL restarted (pg_ctl restart -m fast) under load through the balancer: requests fail
//     cleanly (503 with Retry-After and a French message, no 500, no hang, no crash) and both
//     processes answer again within seconds, without being restarted.
// A kill "in the middle" is made certain: the client is frozen (SIGSTOP) as soon as its transaction
// has written, and killed once PostgreSQL shows that transaction still open, waiting for it.
// Prints a table of results; exits 1 when a scenario fails, 2 when it cannot run. `--report <file>`
// also writes the counts in the shape of vitest's JSON report, for scripts/ci-summary.mjs.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { createSession } from "../app/auth/session.server";
import { closeDatabase, installDatabase } from "../app/db.server";
import { openDatabase } from "../app/db/connect.server";
import { applyMigrations } from "../app/db/migrations.server";
import { assignRole, createIncubator, createIndicator, createProduct, createUser } from "../app/db/seed/factories.server";
import { normalizeCsvText } from "../app/indicators/csv";
import { previewImport } from "../app/indicators/csv-import.server";
import { projectPath } from "../app/project-root.server";
import { startBalancer } from "../tests/support/balancer";
import { startServer } from "../tests/support/server";
import { databaseUrl, withAdminClient } from "../tests/support/template";
import { postgresBinaries, startPrivatePostgres, type PrivatePostgres } from "./private-postgres";

const SECRET = "stress-secret-0123456789-abcdefghijklmnop";
process.env.SESSION_SECRETS = SECRET;

const CSV_INDICATORS = 40;
const CSV_MONTHS = 250;
const KILL_ATTEMPTS = 3;
const LOAD_CLIENTS = 10;
const RECOVERY_LIMIT_MS = 5_000;
const HANG_LIMIT_MS = 10_000;

interface Result {
  scenario: string;
  ok: boolean;
  figures: string;
  problems: string[];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------- Databases ----------

let databases = 0;

/** A new, migrated database on the private cluster. */
async function migratedDatabase(cluster: PrivatePostgres): Promise<string> {
  const name = `jalon_stress_${++databases}`;
  await withAdminClient(cluster.adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(cluster.adminUrl, name);
  const database = openDatabase({ kind: "postgresql", url });
  await applyMigrations(database.adapterFactory);
  await database.close();
  return url;
}

/** Rows per table: what "the database as before" is compared on. */
async function snapshot(url: string): Promise<Record<string, number>> {
  return withAdminClient(url, async (c) => {
    const { rows } = await c.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of rows) {
      const { rows: n } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${table_name}"`);
      counts[table_name] = Number(n[0].n);
    }
    return counts;
  });
}

function differences(a: Record<string, number>, b: Record<string, number>): string[] {
  return Object.keys({ ...a, ...b })
    .filter((t) => a[t] !== b[t])
    .map((t) => `${t} ${a[t] ?? 0}→${b[t] ?? 0}`);
}

type Freeze = "ouverte" | "déjà validée" | "jamais vue";

/**
 * Freezes `clientPid` (SIGSTOP) as soon as one of its transactions on `url`'s database has written to
 * one of Jalon's tables (a row-exclusive lock; migrations' bookkeeping aside), then waits for the
 * statement in flight to end. "ouverte": PostgreSQL holds the transaction open (idle in transaction,
 * with a transaction id), waiting for a client that can only vanish, so a kill must roll it back.
 */
async function freezeMidTransaction(url: string, clientPid: number, timeoutMs: number): Promise<Freeze> {
  const name = new URL(url).pathname.slice(1);
  return withAdminClient(url, async (c) => {
    const until = Date.now() + timeoutMs;
    let backend: number | undefined;
    while (backend === undefined && Date.now() < until) {
      const { rows } = await c.query<{ pid: number }>(
        `SELECT l.pid FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE l.database = (SELECT oid FROM pg_database WHERE datname = $1) AND l.mode = 'RowExclusiveLock'
           AND n.nspname = 'public' AND c.relname <> '_prisma_migrations' AND l.pid <> pg_backend_pid() LIMIT 1`,
        [name],
      );
      backend = rows[0]?.pid;
      if (backend === undefined) await pause(2);
    }
    if (backend === undefined) return "jamais vue";
    process.kill(clientPid, "SIGSTOP");
    while (Date.now() < until) {
      const { rows } = await c.query<{ state: string; xid: string | null }>(
        "SELECT state, backend_xid::text AS xid FROM pg_stat_activity WHERE pid = $1",
        [backend],
      );
      if (rows[0]?.state !== "active") return rows[0]?.state === "idle in transaction" && rows[0].xid !== null ? "ouverte" : "déjà validée";
      await pause(20);
    }
    return "jamais vue";
  });
}

/** Once the killed client's backend has noticed and rolled back. */
async function awaitNoTransaction(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withAdminClient(url, async (c) => {
    for (let i = 0; i < 400; i++) {
      const { rowCount } = await c.query(
        "SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND xact_start IS NOT NULL AND pid <> pg_backend_pid()",
        [name],
      );
      if (!rowCount) return;
      await pause(25);
    }
  });
}

const serverEnv = (url: string) => ({ DATABASE_URL: url, SESSION_SECRETS: SECRET, JALON_DEMO_DATA: "0" });

// ---------- 1. A CSV import killed mid-commit ----------

async function csvImportKilled(cluster: PrivatePostgres): Promise<Result> {
  const url = await migratedDatabase(cluster);
  const database = openDatabase({ kind: "postgresql", url });
  installDatabase(database);
  const db = database.prisma;
  const incubator = await createIncubator(db);
  const products: { id: string; slug: string; content: string; fingerprint: string }[] = [];
  for (const slug of ["import-interrompu"]) {
    const product = await createProduct(db, { slug, primaryIncubatorId: incubator.id });
    const names = [];
    for (let i = 1; i <= CSV_INDICATORS; i++) {
      names.push((await createIndicator(db, { productId: product.id, name: `Indicateur ${i}`, createdAt: new Date("2000-01-01") })).name);
    }
    const lines = ["indicateur,periode,valeur"];
    for (const name of names) {
      for (let m = 0; m < CSV_MONTHS; m++) {
        const year = 2004 + Math.floor(m / 12);
        lines.push(`${name},${year}-${String((m % 12) + 1).padStart(2, "0")},${m * 3 + 1}`);
      }
    }
    const content = normalizeCsvText(lines.join("\n"));
    const preview = await previewImport(product.id, content);
    if (!preview.ok || preview.preview.counts.errors > 0) throw new Error(`fichier d'essai refusé : ${JSON.stringify(preview).slice(0, 300)}`);
    products.push({ id: product.id, slug, content, fingerprint: preview.preview.fingerprint });
  }
  const member = await createUser(db);
  for (const p of products) await assignRole(db, { userId: member.id, role: "team_member", productId: p.id });
  const cookie = (await createSession(member.id, "demo", new Request("http://localhost/"))).split(";")[0];
  await closeDatabase();

  const commit = (base: string, p: (typeof products)[number]) => {
    const form = new FormData();
    form.set("intent", "commit");
    form.set("fileName", `${p.slug}.csv`);
    form.set("content", p.content);
    form.set("fingerprint", p.fingerprint);
    return fetch(`${base}/produits/${p.slug}/indicateurs/import`, { method: "POST", body: form, headers: { Cookie: cookie }, redirect: "manual" });
  };
  const valuesOf = (productId: string) =>
    withAdminClient(url, (c) =>
      c
        .query<{ n: string }>(`SELECT count(*) AS n FROM "IndicatorValue" v JOIN "Indicator" i ON i."id" = v."indicatorId" WHERE i."productId" = $1`, [productId])
        .then((r) => Number(r.rows[0].n)),
    );

  const problems: string[] = [];
  const rows = CSV_INDICATORS * CSV_MONTHS;
  const servers = await Promise.all([startServer(serverEnv(url)), startServer(serverEnv(url))]);
  const balancer = await startBalancer(servers.map((s) => s.url));
  const before = await snapshot(url);
  const killedRequest = commit(balancer.url, products[0]).then(
    (r) => `HTTP ${r.status}`,
    () => "connexion coupée",
  );
  while (!balancer.log.some((r) => r.method === "POST")) await pause(5);
  const victim = balancer.log.find((r) => r.method === "POST")!.upstream;
  // A whole import takes tens of seconds on two busy cores (tests/indicator-import.test.ts shows one succeeding).
  const frozen = await freezeMidTransaction(url, servers[victim].pid, 60_000);
  process.kill(servers[victim].pid, "SIGKILL");
  await servers[victim].stop();
  const answered = await killedRequest;
  await awaitNoTransaction(url);
  const after = await snapshot(url);
  const imported = await valuesOf(products[0].id);
  if (frozen !== "ouverte") problems.push(`la transaction d'import n'a pas été saisie ouverte (${frozen})`);
  const changed = differences(before, after);
  if (changed.length > 0) problems.push(`base modifiée par l'import interrompu : ${changed.join(", ")}`);

  // The other process keeps serving through the balancer, which passes the dead one's share on to it.
  const servedBefore = [...balancer.served];
  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) {
    const path = i % 2 ? `/produits/${products[0].slug}` : "/healthz";
    statuses.push(await fetch(`${balancer.url}${path}`, { headers: { Cookie: cookie } }).then((r) => r.status, () => 0));
  }
  const bySurvivor = balancer.served[1 - victim] - servedBefore[1 - victim];
  if (statuses.some((status) => status !== 200) || bySurvivor !== statuses.length) {
    problems.push(`après l'arrêt d'un processus, réponses : ${statuses.join(", ")} (${bySurvivor} servies par l'autre)`);
  }
  await balancer.close();
  await servers[1 - victim].stop();

  // And the killed process starts again on that database.
  const again = await startServer(serverEnv(url));
  const health = await fetch(`${again.url}/healthz`).then((r) => r.status);
  await again.stop();
  if (health !== 200) problems.push(`au redémarrage, /healthz répond ${health}`);

  return {
    scenario: `Import CSV de ${rows.toLocaleString("fr-FR")} lignes, l'un des 2 processus derrière le répartiteur tué (SIGKILL) pendant l'écriture`,
    ok: problems.length === 0,
    figures: `transaction au moment du SIGKILL : ${frozen} ; client : ${answered} ; valeurs enregistrées : ${imported} sur ${rows} ; base : ${changed.length ? "modifiée" : "inchangée"} ; l'autre processus : ${bySurvivor}/${statuses.length} réponses 200 ; redémarrage : ${health === 200 ? "oui" : "non"}`,
    problems,
  };
}

// ---------- 2. npm run import:betagouv killed mid-transaction ----------

async function betagouvImportKilled(cluster: PrivatePostgres): Promise<Result> {
  const folder = projectPath("tests", "fixtures", "betagouv-sample", "content");
  const runImport = (url: string) => {
    const { DATABASE_URL: _u, JALON_DATA_DIR: _d, ...env } = process.env;
    // Node itself with tsx's loader: the .bin/tsx wrapper would run the script in a child that outlives its SIGKILL.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/import-betagouv.ts", folder], {
      cwd: projectPath(),
      env: { ...env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    return { child, exited, output: () => output };
  };

  // A small sample: the import may commit between its first write and the freeze; then it starts
  // again on a fresh database.
  const problems: string[] = [];
  let frozen: Freeze = "jamais vue";
  let changed: string[] = [];
  let attempts = 0;
  let output = "";
  while (attempts < KILL_ATTEMPTS && frozen !== "ouverte") {
    attempts += 1;
    const url = await migratedDatabase(cluster);
    const before = await snapshot(url);
    const killed = runImport(url);
    frozen = await freezeMidTransaction(url, killed.child.pid!, 120_000);
    killed.child.kill("SIGKILL");
    await killed.exited;
    output = killed.output();
    await awaitNoTransaction(url);
    changed = differences(before, await snapshot(url));
  }
  if (frozen !== "ouverte") problems.push(`la transaction d'import n'a pas été saisie ouverte en ${attempts} essais (${frozen}) :\n${output.slice(-500)}`);
  else if (changed.length > 0) problems.push(`base modifiée par l'import interrompu : ${changed.join(", ")}`);

  return {
    scenario: "npm run import:betagouv tué (SIGKILL) pendant sa transaction",
    ok: problems.length === 0,
    figures: `transaction au moment du SIGKILL : ${frozen} (essai ${attempts}) ; base après l'interruption : ${changed.length ? "modifiée" : "inchangée"}`,
    problems,
  };
}

// ---------- 3. PostgreSQL restarted under load ----------

interface Sample {
  path: string;
  at: number;
  status: number | "hang" | "network";
  ms: number;
  body: string;
  retryAfter: string | null;
}

async function postgresRestartUnderLoad(cluster: PrivatePostgres): Promise<Result> {
  const url = await migratedDatabase(cluster);
  const database = openDatabase({ kind: "postgresql", url });
  const incubator = await createIncubator(database.prisma);
  const product = await createProduct(database.prisma, { primaryIncubatorId: incubator.id });
  await database.close();
  const servers = await Promise.all([startServer(serverEnv(url)), startServer(serverEnv(url))]);
  const balancer = await startBalancer(servers.map((s) => s.url));
  const paths = ["/", `/produits/${product.slug}`, "/healthz", `/incubateurs/${incubator.slug}`, "/api/public/v1/products"];

  const samples: Sample[] = [];
  const t0 = performance.now();
  let running = true;
  const client = async (n: number) => {
    for (let i = n; running; i++) {
      const at = performance.now() - t0;
      const path = paths[i % paths.length];
      try {
        const response = await fetch(`${balancer.url}${path}`, { signal: AbortSignal.timeout(HANG_LIMIT_MS), redirect: "manual" });
        const body = await response.text();
        samples.push({ path, at, status: response.status, ms: performance.now() - t0 - at, body: response.ok ? "" : body, retryAfter: response.headers.get("retry-after") });
      } catch (error) {
        const hang = (error as Error).name === "TimeoutError";
        samples.push({ path, at, status: hang ? "hang" : "network", ms: performance.now() - t0 - at, body: String(error), retryAfter: null });
      }
    }
  };
  const load = Promise.all(Array.from({ length: LOAD_CLIENTS }, (_, n) => client(n)));
  await pause(3000);
  const restartAt = performance.now() - t0;
  await cluster.restart();
  const backAt = performance.now() - t0;
  await pause(6000);
  running = false;
  await load;
  const alive = servers.map((server) => {
    try {
      process.kill(server.pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  const after = await Promise.all(servers.map((server) => fetch(`${server.url}/healthz`).then((r) => r.status, () => 0)));
  await balancer.close();
  await Promise.all(servers.map((server) => server.stop()));

  const problems: string[] = [];
  const failures = samples.filter((s) => s.status !== 200);
  const hangs = samples.filter((s) => s.status === "hang");
  const network = samples.filter((s) => s.status === "network");
  // An outage is a 503 (app/http/unavailable.server.ts), never a 500 nor the balancer's 502.
  const unexpected = failures.filter((s) => typeof s.status === "number" && s.status !== 503);
  const unclean = failures.filter(
    (s) => typeof s.status === "number" && (!/[éèà]|erreur|indisponible|unreachable/i.test(s.body) || /\n\s+at |Error:|prisma/i.test(s.body)),
  );
  // /healthz is the balancer's probe: it says "unreachable" and needs no Retry-After.
  const noRetryAfter = failures.filter((s) => s.status === 503 && s.path !== "/healthz" && s.retryAfter === null);
  const slowestOk = Math.max(0, ...samples.filter((s) => s.status === 200).map((s) => s.ms));
  const lastFailure = failures.reduce((latest, s) => Math.max(latest, s.at + s.ms), 0);
  const recoveryMs = Math.max(0, lastFailure - backAt);
  servers.forEach((server, i) => {
    if (!alive[i]) problems.push(`le processus Jalon n° ${i + 1} s'est arrêté :\n${server.output().slice(-800)}`);
    if (after[i] !== 200) problems.push(`/healthz du processus n° ${i + 1} répond ${after[i]} à la fin`);
  });
  if (hangs.length) {
    const when = hangs.map((s) => `${s.path} à ${(s.at / 1000).toFixed(1)} s`).join(", ");
    problems.push(`${hangs.length} requête(s) sans réponse au bout de ${HANG_LIMIT_MS / 1000} s (${when} ; PostgreSQL arrêté à ${(restartAt / 1000).toFixed(1)} s, de retour à ${(backAt / 1000).toFixed(1)} s)`);
  }
  if (network.length) problems.push(`${network.length} connexion(s) coupée(s) : ${network[0].body}`);
  if (unexpected.length) {
    const first = unexpected[0];
    problems.push(`statuts inattendus : ${[...new Set(unexpected.map((s) => s.status))].join(", ")} (${first.path} : ${first.body.slice(0, 300)})`);
  }
  if (unclean.length) problems.push(`page d'erreur sans message en français ou avec une trace : ${unclean[0].body.slice(0, 300)}`);
  if (noRetryAfter.length) problems.push(`${noRetryAfter.length} réponse(s) 503 sans Retry-After (${noRetryAfter[0].path})`);
  if (recoveryMs > RECOVERY_LIMIT_MS) problems.push(`rétabli ${(recoveryMs / 1000).toFixed(1)} s après le retour de PostgreSQL (limite ${RECOVERY_LIMIT_MS / 1000} s)`);
  const statuses = Object.entries(
    samples.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }), {}),
  )
    .map(([status, n]) => `${status}×${n}`)
    .join(", ");
  return {
    scenario: `PostgreSQL redémarré (pg_ctl restart -m fast) sous ${LOAD_CLIENTS} clients, via un répartiteur devant 2 processus Jalon`,
    ok: problems.length === 0,
    figures: `${samples.length} requêtes (${statuses}), servies ${balancer.served.join(" / ")} par les 2 processus ; redémarrage ${((backAt - restartAt) / 1000).toFixed(1)} s ; rétabli ${(recoveryMs / 1000).toFixed(1)} s après ; réponse réussie la plus lente ${(slowestOk / 1000).toFixed(1)} s ; processus toujours en marche : ${alive.filter(Boolean).length} sur 2`,
    problems,
  };
}

// ---------- The run ----------

function writeReport(file: string | undefined, results: Result[]): void {
  if (!file) return;
  const failed = results.filter((r) => !r.ok).length;
  writeFileSync(
    file,
    JSON.stringify({ numPassedTests: results.length - failed, numFailedTests: failed, numPendingTests: 0, numTodoTests: 0, results }, null, 2),
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { report: { type: "string" } } });
  const bin = postgresBinaries();
  if (!bin) {
    console.error("npm run stress a besoin des programmes de PostgreSQL (15 ou plus : /usr/lib/postgresql/<version>/bin) ; installez le paquet postgresql.");
    return 2;
  }
  const started = performance.now();
  const results: Result[] = [];
  let cluster: PrivatePostgres;
  try {
    cluster = await startPrivatePostgres(bin);
  } catch (error) {
    console.error(`Le PostgreSQL privé n'a pas pu démarrer : ${error instanceof Error ? error.message : String(error)}`);
    writeReport(values.report, [{ scenario: "PostgreSQL privé", ok: false, figures: "", problems: [String(error)] }]);
    return 2;
  }
  try {
    for (const scenario of [csvImportKilled, betagouvImportKilled, postgresRestartUnderLoad]) {
      try {
        results.push(await scenario(cluster));
      } catch (error) {
        results.push({ scenario: scenario.name, ok: false, figures: "", problems: [`n'a pas pu s'exécuter : ${error instanceof Error ? error.stack : String(error)}`] });
      }
    }
  } finally {
    await cluster.stop();
  }
  console.log(`\nnpm run stress (PostgreSQL privé, port ${cluster.port}), ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  console.log("| scénario | résultat | mesures |\n|---|---|---|");
  for (const r of results) console.log(`| ${r.scenario} | ${r.ok ? "réussi" : "ÉCHEC"} | ${r.figures} |`);
  for (const r of results.filter((r) => !r.ok)) console.log(`\n${r.scenario} :\n- ${r.problems.join("\n- ")}`);
  writeReport(values.report, results);
  return results.every((r) => r.ok) ? 0 : 1;
}

process.exit(await main());
