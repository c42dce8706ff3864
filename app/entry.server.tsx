import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { withRetryAfter } from "./http/unavailable.server";
import { NonceProvider } from "./ui/nonce";

// The server (server.js) reaches these through the build's entry module, so that start-up and
// shutdown share the very module instances that serve requests (one database, one Prisma client).
export { prepareApp } from "./startup.server";
export { closeDatabase } from "./db.server";
export { securityMiddleware } from "./security/http-guard.server";
export { serverTimingMiddleware } from "./http/server-timing.server";
export { answerOutagesWith503 } from "./http/unavailable.server";

const ABORT_DELAY = 5_000;

/** Client navigations (`.data` requests) hitting an outage get the same Retry-After as pages. */
export function handleDataRequest(response: Response): Response {
  withRetryAfter(response.status, response.headers);
  return response;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce || undefined;
  withRetryAfter(responseStatusCode, responseHeaders);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Cleared once everything is rendered: a pending timer would keep the page's data in memory for
    // ABORT_DELAY after its response was sent (hundreds of pages under load, and their collection).
    const timer = setTimeout(() => abort(), ABORT_DELAY);
    const respond = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ""}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) respond();
        },
        onAllReady() {
          clearTimeout(timer);
          if (waitForAll) respond();
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are already shown by an ErrorBoundary; log them once here.
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}
