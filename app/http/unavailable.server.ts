// A request that finds the database stopped, restarting or saturated meets an outage, not a defect
// of Jalon: it gets a 503 with Retry-After (the French error page, plain French text for a file, JSON
// on the API) instead of a 500, so that people, API clients and load balancers try again in a moment,
// and the logs tell an outage from a bug. Decided in one place, around every route's loader and action
// (server.js wraps the build), from the errors that pg, Prisma's pg adapter and Prisma's client
// really throw (tests/database-unavailable.test.ts provokes each).
import type { ServerBuild } from "@remix-run/node";
import { UNAVAILABLE_MESSAGE } from "./unavailable";

export const RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs of an outage: connection exceptions (class 08), too many connections, the server shutting
 * down (57P01 administrator, 57P02 crash) or not accepting connections yet (57P03).
 */
const OUTAGE_SQLSTATE = /^(08[0-9A-Z]{3}|53300|57P0[123])$/;
/** Prisma: cannot reach the server, timed out, connection closed, no pooled connection, transaction not started in time. */
const OUTAGE_PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024", "P2028", "P2037"]);
/** Prisma's pg adapter names the socket errors it recognises. */
const OUTAGE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const OUTAGE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"]);
/** What pg and pg-pool throw as bare Errors (no code), which the adapter passes through. */
const OUTAGE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated (unexpectedly|due to connection timeout)|Client has encountered a connection error|Unable to start a transaction in the given time|Can't reach database server/;

interface ErrorLike {
  code?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

/** The error and what it wraps: its `cause` chain and Prisma's driver-adapter error with its own cause. */
function* chain(error: unknown): Generator<ErrorLike> {
  const queue = [error];
  for (let seen = 0; queue.length > 0 && seen < 8; seen++) {
    const current = queue.shift();
    if (typeof current !== "object" || current === null) continue;
    const e = current as ErrorLike;
    yield e;
    queue.push(e.cause, e.meta?.driverAdapterError);
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    for (const code of [e.code, e.originalCode]) {
      if (typeof code !== "string") continue;
      if (OUTAGE_SQLSTATE.test(code) || OUTAGE_PRISMA_CODES.has(code) || OUTAGE_SOCKET_CODES.has(code)) return true;
    }
    if (typeof e.kind === "string" && OUTAGE_ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && OUTAGE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** The 503 for this request: JSON on the API, French text otherwise (a page shows it in its error boundary). */
export function unavailableResponse(request: Request): Response {
  const headers: Record<string, string> = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
  const { pathname } = new URL(request.url);
  // The open data API is read from any site: without this header a browser hides the 503 from the script.
  if (pathname.startsWith("/api/public/")) headers["Access-Control-Allow-Origin"] = "*";
  if (pathname.startsWith("/api/")) return Response.json({ error: UNAVAILABLE_MESSAGE }, { status: 503, headers });
  return new Response(UNAVAILABLE_MESSAGE, { status: 503, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

type Handler = (args: { request: Request }) => unknown;

function guarded(handler: Handler | undefined): Handler | undefined {
  if (!handler) return undefined;
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const reason = error instanceof Error ? error.message.trim().split("\n").at(-1) : String(error);
      console.error(`Base de données indisponible (${args.request.method} ${new URL(args.request.url).pathname}) : ${reason}`);
      // Thrown: a page then renders its error boundary with the 503, a resource route answers with it.
      throw unavailableResponse(args.request);
    }
  };
}

/** The build with every loader and action answering an outage of the database with a 503. */
export function answerOutagesWith503(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const module = route.module as typeof route.module & { loader?: Handler; action?: Handler };
      return [id, { ...route, module: { ...module, loader: guarded(module.loader), action: guarded(module.action) } }];
    }),
  );
  return { ...build, routes } as ServerBuild;
}

/** A 503 page or data response says when to come back, whatever route produced it. */
export function withRetryAfter(status: number, headers: Headers): void {
  if (status === 503 && !headers.has("Retry-After")) headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
}
