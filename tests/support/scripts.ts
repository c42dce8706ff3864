// Runs an npm script's file (scripts/*.ts) as an operator would, in a child process: its exit code and
// output. The caller names the database (`targetEnv`); none is inherited from the developer's shell,
// nor an SMTP server.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { projectPath } from "~/project-root.server";

const run = promisify(execFile);

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runScript(script: string, args: string[], env: Record<string, string>): Promise<ScriptResult> {
  const { DATABASE_URL: _url, JALON_DATA_DIR: _dir, SMTP_URL: _smtp, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(projectPath("node_modules", ".bin", "tsx"), [script, ...args], {
      cwd: projectPath(),
      // Prisma's query interpreter sends the queries of one transaction concurrently, which pg 8 reports
      // as a DeprecationWarning on PostgreSQL: not the script's output, so it is left out of stderr.
      env: { ...inherited, NODE_ENV: "test", NODE_OPTIONS: "--disable-warning=DeprecationWarning", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as ScriptResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
