// A throwaway PostgreSQL cluster of our own (initdb + pg_ctl in a temporary folder, on a free loopback
// port), for tests that restart or break the database: the machine's shared PostgreSQL is never touched.
// As root, the binaries run as the `postgres` system user, which PostgreSQL requires.
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../tests/support/server";

const run = promisify(execFile);

const BIN_DIRS = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"];

export function postgresBinaries(): string | null {
  return BIN_DIRS.find((dir) => existsSync(path.join(dir, "pg_ctl"))) ?? null;
}

export interface PrivatePostgres {
  /** postgresql://postgres@127.0.0.1:<port>/postgres */
  adminUrl: string;
  port: number;
  /** `pg_ctl restart -m fast`: open connections are cut, the server is back when this resolves. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivatePostgres(bin: string): Promise<PrivatePostgres> {
  const root = mkdtempSync(path.join(tmpdir(), "jalon-pg-"));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    chownSync(root, Number(stdout), Number(gid));
  }
  const pgCommand = (tool: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);
  const data = path.join(root, "data");
  const port = await freePort();
  // No fsync: the cluster is thrown away; a fast shutdown still writes everything.
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  await pgCommand("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
  const ctl = (args: string[]) => pgCommand("pg_ctl", ["-D", data, "-l", path.join(root, "log"), "-o", options, "-w", ...args]);
  await ctl(["start"]);
  return {
    adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart: () => ctl(["restart", "-m", "fast"]).then(() => undefined),
    async stop() {
      await ctl(["stop", "-m", "immediate"]).catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
