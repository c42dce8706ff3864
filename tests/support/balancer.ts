// A round-robin HTTP load balancer on loopback, as in front of several Jalon processes in production:
// each request goes to the next upstream, so consecutive requests of one browser land on different
// processes. It forwards the client's address (X-Forwarded-For) and counts what each upstream served.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Balancer {
  url: string;
  /** Requests forwarded to each upstream, in the order given. */
  served: number[];
  close(): Promise<void>;
}

export async function startBalancer(upstreams: string[]): Promise<Balancer> {
  const served = upstreams.map(() => 0);
  let next = 0;
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const index = next++ % upstreams.length;
    served[index] += 1;
    const target = new URL(req.url ?? "/", upstreams[index]);
    const forwarded = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = http.request(
      target,
      { method: req.method, headers: { ...req.headers, "x-forwarded-for": forwarded }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Passerelle : le processus Jalon ne répond pas.");
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
