// The standard Server-Timing header (JALON_SERVER_TIMING=1): how long the database took for this
// request, in how many statements, against the request's whole time until its headers left. The
// benchmark reads it to tell the framework's share of a page from its SQL's; browsers show it in their
// developer tools. Off by default: it tells anyone how much work a request costs.
import type { NextFunction, Request, Response } from "express";
import { measureQueries, type QueryTiming } from "~/db/query-timing.server";

/** In English, as the code: a header is ASCII, and it is read by developers' tools, not by users. */
export function serverTimingHeader(timing: QueryTiming, totalMs: number): string {
  const ms = (value: number) => value.toFixed(1);
  const statements = `${timing.queries} ${timing.queries === 1 ? "query" : "queries"}`;
  return `db;dur=${ms(timing.databaseMs)};desc="${statements}", total;dur=${ms(totalMs)}`;
}

export function serverTimingMiddleware() {
  return (_req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    measureQueries((timing) => {
      // Node sends the headers through writeHead, explicit or implied by the first write: the last
      // moment a header can be added, and the end of what the server measured.
      const writeHead = res.writeHead;
      res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
        res.setHeader("Server-Timing", serverTimingHeader(timing(), performance.now() - started));
        return writeHead.apply(this, args);
      } as Response["writeHead"];
      next();
    });
  };
}
