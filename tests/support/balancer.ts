// A round-robin HTTP load balancer on loopback, as in front of several Jalon processes in production:
// each request goes to the next upstream, so consecutive requests of one browser land on different
// processes. It forwards the client's address (X-Forwarded-For), records which upstream served what,
// and, like a production balancer's passive health check, passes a request that an upstream refuses
// to connect (a process that died) on to the next one, and sends again one that met a kept-alive
// connection closed under it.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Forwarded {
  method: string;
  /** Path and query. */
  path: string;
  /** The index of the upstream it was sent to (the last one tried). */
  upstream: number;
  /** A page load (the browser's navigation), not an asset, a data request or an API call. */
  document: boolean;
}

export interface Balancer {
  url: string;
  /** Requests answered by each upstream, in the order given. */
  served: number[];
  /** Every request, in the order received. */
  log: Forwarded[];
  close(): Promise<void>;
}

export async function startBalancer(upstreams: string[]): Promise<Balancer> {
  const served = upstreams.map(() => 0);
  const log: Forwarded[] = [];
  let next = 0;
  const agent = new http.Agent({ keepAlive: true });
  const forward = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Read whole so that it can be sent again to the next upstream.
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const forwarded = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const first = next++ % upstreams.length;
    const entry = { method: req.method ?? "GET", path: req.url ?? "/", upstream: first, document: req.headers["sec-fetch-dest"] === "document" };
    log.push(entry);
    const attempt = (tries: number, resent = 0) => {
      const index = (first + tries) % upstreams.length;
      entry.upstream = index;
      const upstream = http.request(
        new URL(req.url ?? "/", upstreams[index]),
        { method: req.method, headers: { ...req.headers, "x-forwarded-for": forwarded }, agent },
        (answer) => {
          served[index] += 1;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "ECONNREFUSED" && tries + 1 < upstreams.length) return attempt(tries + 1);
        // A kept-alive connection that the upstream closed as it was being reused (its idle timeout
        // elapsed): a read is sent again, as Node's documentation advises and production balancers
        // do for idempotent requests.
        const idempotent = req.method === "GET" || req.method === "HEAD";
        if (idempotent && upstream.reusedSocket && error.code === "ECONNRESET" && resent < 2) return attempt(tries, resent + 1);
        if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8" });
        res.end(`Passerelle : le processus Jalon ne répond pas (${error.code ?? error.message}).`);
      });
      upstream.end(body);
    };
    attempt(0);
  };
  // A client that goes away mid-request only ends its own exchange.
  const server = http.createServer((req, res) => void forward(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
