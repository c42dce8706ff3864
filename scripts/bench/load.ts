// A small keep-alive HTTP load generator: N clients, each sending its next request as soon as the last
// one answered, for a fixed time. Lighter than a dependency, and each client can carry its own
// session and target (writes spread over several products, as teams do).
import http from "node:http";

export interface BenchRequest {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The answer that counts as a success (200 unless said). */
  expect?: number;
}

export interface Sample {
  ms: number;
  /** From the Server-Timing header, when the server sends it. */
  databaseMs?: number;
  queries?: number;
  serverMs?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** One example of each kind of error, to say what went wrong. */
  errorKinds: string[];
  seconds: number;
  samples: Sample[];
}

interface Answer {
  status: number;
  timing: string | undefined;
}

/**
 * The server closes a keep-alive connection idle for 5 s: a request sent on it at that moment is
 * reset. Node's advice is to send it again on a fresh connection (`reusedSocket`); anything else is
 * an error.
 */
async function send(agent: http.Agent, base: URL, request: BenchRequest): Promise<Answer> {
  try {
    return await sendOnce(agent, base, request);
  } catch (error) {
    if ((error as NodeJS.ErrnoException & { reusedSocket?: boolean }).reusedSocket) return sendOnce(agent, base, request);
    throw error;
  }
}

function sendOnce(agent: http.Agent, base: URL, request: BenchRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: request.method ?? "GET",
        path: request.path,
        headers: {
          ...request.headers,
          ...(request.body !== undefined ? { "Content-Length": String(Buffer.byteLength(request.body)) } : {}),
        },
      },
      (res) => {
        // The whole body is read: a page is served when its last byte is.
        res.on("data", () => undefined);
        res.on("end", () => resolve({ status: res.statusCode ?? 0, timing: res.headers["server-timing"] as string | undefined }));
        res.on("error", reject);
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      reject(Object.assign(error, { reusedSocket: req.reusedSocket && error.code === "ECONNRESET" })),
    );
    req.end(request.body);
  });
}

/** `db;dur=12.3;desc="8 queries", total;dur=40.1`. */
export function parseServerTiming(header: string | undefined): Omit<Sample, "ms"> {
  if (!header) return {};
  const db = /(?:^|,)\s*db;dur=([\d.]+)(?:;desc="(\d+))?/.exec(header);
  const total = /(?:^|,)\s*total;dur=([\d.]+)/.exec(header);
  return {
    databaseMs: db ? Number(db[1]) : undefined,
    queries: db?.[2] ? Number(db[2]) : undefined,
    serverMs: total ? Number(total[1]) : undefined,
  };
}

/**
 * Runs `clients` loops for `seconds`; `next(client, n)` gives client's n-th request. Each client
 * first sends `warmup` requests (1) that are not counted (caches, the server's JIT, pooled connections),
 * then all measure together. A request sent before the end is waited for and counted.
 */
export async function runLoad(options: {
  url: string;
  clients: number;
  seconds: number;
  warmup?: number;
  next: (client: number, n: number) => BenchRequest;
  /** Sent, and waited for, before each request, outside its time (e.g. a write that empties a cache). */
  before?: (client: number, n: number) => BenchRequest;
}): Promise<LoadResult> {
  const base = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const samples: Sample[] = [];
  const errorKinds = new Map<string, string>();
  let errors = 0;
  const warmup = options.warmup ?? 1;
  const call = async (request: BenchRequest): Promise<{ problem: string | null; timing?: string }> => {
    try {
      const answer = await send(agent, base, request);
      const ok = answer.status === (request.expect ?? 200);
      return { problem: ok ? null : `HTTP ${answer.status} sur ${request.method ?? "GET"} ${request.path}`, timing: answer.timing };
    } catch (error) {
      return { problem: `${(error as Error).message} sur ${request.path}` };
    }
  };
  const fail = (problem: string) => {
    errors += 1;
    errorKinds.set(problem.replace(/\d+/g, "N"), problem);
  };
  const prepare = async (index: number, n: number) => {
    const problem = options.before ? (await call(options.before(index, n))).problem : null;
    if (problem) fail(problem);
  };
  const clients = Array.from({ length: options.clients }, (_, index) => index);
  await Promise.all(clients.map(async (index) => {
    for (let n = 0; n < warmup; n++) {
      await prepare(index, n);
      await call(options.next(index, n));
    }
  }));
  const started = performance.now();
  const end = started + options.seconds * 1000;
  await Promise.all(clients.map(async (index) => {
    for (let n = warmup; performance.now() < end; n++) {
      await prepare(index, n);
      const sent = performance.now();
      const { problem, timing } = await call(options.next(index, n));
      if (problem) {
        fail(problem);
      } else {
        samples.push({ ms: performance.now() - sent, ...parseServerTiming(timing) });
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests: samples.length + errors, errors, errorKinds: [...errorKinds.values()].slice(0, 3), seconds, samples };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);

export interface Summary {
  requests: number;
  errors: number;
  errorKinds: string[];
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Means over the requests that reported a Server-Timing header. */
  databaseMs: number;
  queries: number;
  serverMs: number;
}

export function summarize(result: LoadResult): Summary {
  const sorted = result.samples.map((s) => s.ms).sort((a, b) => a - b);
  const timed = result.samples.filter((s) => s.databaseMs !== undefined && s.serverMs !== undefined);
  return {
    requests: result.requests,
    errors: result.errors,
    errorKinds: result.errorKinds,
    perSecond: result.requests / result.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    databaseMs: mean(timed.map((s) => s.databaseMs!)),
    queries: mean(timed.map((s) => s.queries ?? 0)),
    serverMs: mean(timed.map((s) => s.serverMs!)),
  };
}
