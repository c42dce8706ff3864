// Jalon's HTTP server: Remix behind Express. Validates configuration, migrates (and seeds an empty
// demo database) before listening; closes the database and exits on SIGTERM/SIGINT. With
// JALON_WORKERS=N (PostgreSQL), a supervisor forks N such processes sharing the port.
import cluster from "node:cluster";
import { existsSync } from "node:fs";
import { createRequestHandler } from "@remix-run/express";
import express from "express";

// French public agents read dates in Paris time, whatever the host's zone.
process.env.TZ ||= "Europe/Paris";

const dev = process.argv.includes("--dev");

function fail(message) {
  console.error(`Jalon ne peut pas démarrer : ${message}`);
  process.exit(1);
}

async function loadBuild() {
  if (dev) {
    const vite = await import("vite");
    const server = await vite.createServer({ server: { middlewareMode: true } });
    const build = () => server.ssrLoadModule("virtual:remix/server-build");
    return { vite: server, build, entry: (await build()).entry.module };
  }
  const path = new URL("./build/server/index.js", import.meta.url);
  if (!existsSync(path)) fail("l'application n'est pas construite ; lancez d'abord « npm run build » (ou « npm start »).");
  // React picks its build from NODE_ENV when the app's build first loads it: left unset (npm start),
  // it would render with its development checks, two to three times slower. Jalon's own settings
  // (required secrets, demo sign-in) then read the operator's NODE_ENV, unset meaning development.
  const operatorEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  const build = await import(path.href);
  if (operatorEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = operatorEnv;
  return { build, entry: build.entry.module };
}

const answerOutages = (build) => build.entry.module.answerOutagesWith503(build);

async function main() {
  const { vite, build, entry } = await loadBuild();
  let report;
  try {
    report = await entry.prepareApp();
  } catch (error) {
    if (error?.name === "StartupError") fail(error.message);
    throw error;
  }
  const { config, appliedMigrations, seeded } = report;
  if (appliedMigrations.length) console.log(`Migrations appliquées : ${appliedMigrations.join(", ")}`);
  if (seeded) console.log("Base vide : données de démonstration chargées.");

  const app = express();
  app.disable("x-powered-by");
  // Behind load balancers, rate limits must key on the client's address, not the balancer's.
  if (config.trustProxyHops) app.set("trust proxy", config.trustProxyHops);
  if (config.serverTiming) app.use(entry.serverTimingMiddleware());
  app.use(entry.securityMiddleware({ csp: !dev }));
  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h" }));
  }
  app.all(
    "*",
    createRequestHandler({
      // An outage of the database answers 503, not 500 (app/http/unavailable.server.ts).
      build: vite ? async () => answerOutages(await build()) : answerOutages(build),
      mode: dev ? "development" : "production",
      getLoadContext: (req, res) => ({ clientAddress: req.ip ?? "inconnue", cspNonce: res.locals.cspNonce ?? "" }),
    }),
  );

  const server = app.listen(config.port, config.host);
  server.on("listening", () => {
    const { port } = server.address();
    const worker = cluster.isWorker ? `, processus ${process.pid}, un des ${config.workers}` : "";
    console.log(`Jalon écoute sur http://localhost:${port} (${config.database.kind === "pglite" ? "base embarquée" : "PostgreSQL"}${worker})`);
  });
  server.on("error", (error) => {
    if (error.code === "EADDRINUSE") fail(`le port ${config.port} est déjà utilisé ; choisissez-en un autre avec PORT.`);
    if (error.code === "EACCES") fail(`le port ${config.port} est réservé ; choisissez-en un autre avec PORT.`);
    fail(error.message);
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    await vite?.close();
    await entry.closeDatabase();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/**
 * Forks the workers and replaces one that dies. The first starts alone, so that migrations and the
 * demo seed run once; its configuration check (e.g. no several processes on the embedded database)
 * stops everything. The supervisor loads none of the application: it costs a few megabytes.
 */
function supervise(count) {
  let ready = false;
  let stopping = false;
  let alive = 0;
  const fork = () => {
    alive++;
    return cluster.fork();
  };
  const first = fork();
  first.once("listening", () => {
    ready = true;
    for (let i = 1; i < count; i++) fork();
  });
  cluster.on("exit", (worker, code, signal) => {
    alive--;
    if (!ready) process.exit(code || 1);
    if (stopping) {
      if (alive === 0) process.exit(0);
      return;
    }
    console.error(`Le processus ${worker.process.pid} s'est arrêté (${signal ?? `code ${code}`}) : il est remplacé.`);
    // A pause, so that a process dying at start-up (database gone) does not fork in a tight loop.
    setTimeout(() => stopping || fork(), 1000);
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

// An invalid value starts one process, whose configuration check names the variable.
const workers = /^\d+$/.test(process.env.JALON_WORKERS ?? "") ? Number(process.env.JALON_WORKERS) : 1;
if (cluster.isPrimary && workers > 1 && !dev) {
  supervise(workers);
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
