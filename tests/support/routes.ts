// Calls route modules as Remix does: a real Request, params and the load context server.js builds.
import type { AppLoadContext } from "@remix-run/node";

export interface CallOptions {
  params?: Record<string, string>;
  cookie?: string;
  method?: string;
  body?: URLSearchParams | FormData;
  headers?: Record<string, string>;
  clientAddress?: string;
}

export function routeArgs(path: string, options: CallOptions = {}) {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  const context: AppLoadContext = { clientAddress: options.clientAddress ?? "127.0.0.1", cspNonce: "" };
  return {
    request: new Request(`http://localhost${path}`, { method: options.method ?? (options.body ? "POST" : "GET"), headers, body: options.body }),
    params: options.params ?? {},
    context,
  };
}

/** What a loader or action threw (a Response for 403/404/redirects), or a failure if it did not throw. */
export async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}
