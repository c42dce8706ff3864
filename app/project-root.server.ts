import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding package.json and prisma/. Found by walking up from this module because the
 * same code runs from app/ (scripts, tests) and from the bundled build/server/.
 */
function findProjectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "prisma", "schema.prisma"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

const root = findProjectRoot();

export function projectPath(...segments: string[]): string {
  return path.join(root, ...segments);
}
