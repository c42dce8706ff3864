// Runs the real server (server.js over the production build) in a child process, as `npm start` does.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import type { DatabaseTarget } from "~/config.server";
import { projectPath } from "~/project-root.server";

export interface RunningServer {
  url: string;
  /** The server process's id (the benchmark reads its memory in /proc; fault tests kill it). */
  pid: number;
  output(): string;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface ExitedServer {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export function targetEnv(target: DatabaseTarget): Record<string, string> {
  return target.kind === "pglite" ? { JALON_DATA_DIR: target.dataDir } : { DATABASE_URL: target.url };
}

/** `node` and its options as `npm run serve` starts the server (package.json): what production runs. */
function serveCommand(): string[] {
  const packageJson = JSON.parse(readFileSync(projectPath("package.json"), "utf8")) as { scripts: { serve: string } };
  const [node, ...args] = packageJson.scripts.serve.split(/\s+/);
  if (node !== "node" || args.at(-1) !== "server.js") throw new Error(`Unexpected serve script: ${packageJson.scripts.serve}`);
  return args;
}

function launch(env: Record<string, string>) {
  if (!existsSync(projectPath("build", "server", "index.js"))) {
    throw new Error("No production build: run `npm run build` first (`npm test` does).");
  }
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.JALON_DATA_DIR;
  return spawn(process.execPath, serveCommand(), {
    cwd: projectPath(),
    env: {
      ...base,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      SESSION_SECRETS: "test-secret-0123456789-abcdefghijklmnop",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Occurrences of a text in the server's output. */
export const occurrences = (output: string, text: string) => output.split(text).length - 1;

/**
 * Starts the server and resolves once it listens (every process with JALON_WORKERS); rejects with
 * its output if it exits first.
 */
export async function startServer(env: Record<string, string>, timeoutMs = 90_000): Promise<RunningServer> {
  const port = env.PORT ?? String(await freePort());
  const child = launch({ ...env, PORT: port });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Server not listening after ${timeoutMs} ms:\n${out}`)), timeoutMs);
    child.stdout.on("data", () => {
      if (occurrences(out, "Jalon écoute sur") >= Number(env.JALON_WORKERS ?? 1)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited (${code}) before listening:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => out,
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Runs the server expecting it to stop by itself (bad configuration). */
export async function runUntilExit(env: Record<string, string>, timeoutMs = 60_000): Promise<ExitedServer> {
  const child = launch(env);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}
