// How long a request waits on the database: the driver adapter under Prisma is wrapped so that every
// SQL statement (and transaction boundary) is timed in the context of the request that sent it
// (AsyncLocalStorage). Outside a measured context, queries run untouched.
import { AsyncLocalStorage } from "node:async_hooks";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export interface QueryTiming {
  /** Statements sent, transaction boundaries included. */
  queries: number;
  /**
   * Milliseconds during which at least one statement was in flight: queries run in parallel
   * (Promise.all) count once, so this never exceeds the request's own duration.
   */
  databaseMs: number;
}

interface Measure extends QueryTiming {
  inFlight: number;
  since: number;
}

const measures = new AsyncLocalStorage<Measure>();

/** Runs `task` with its database time measured; `timing` reads the figures so far. */
export function measureQueries<T>(task: (timing: () => QueryTiming) => T): T {
  const measure: Measure = { queries: 0, databaseMs: 0, inFlight: 0, since: 0 };
  const timing = () => ({
    queries: measure.queries,
    databaseMs: measure.databaseMs + (measure.inFlight > 0 ? performance.now() - measure.since : 0),
  });
  return measures.run(measure, () => task(timing));
}

function timed<T>(run: () => Promise<T>): Promise<T> {
  const measure = measures.getStore();
  if (!measure) return run();
  measure.queries += 1;
  if (measure.inFlight++ === 0) measure.since = performance.now();
  return run().finally(() => {
    if (--measure.inFlight === 0) measure.databaseMs += performance.now() - measure.since;
  });
}

/** Methods that send SQL, on the adapter and on its transactions. */
const STATEMENTS = new Set<PropertyKey>(["queryRaw", "executeRaw", "executeScript", "commit", "rollback"]);
/** Methods returning an object whose statements must be timed too. */
const OPENERS = new Set<PropertyKey>(["connect", "startTransaction"]);

/**
 * A proxy rather than a subclass: the adapters of both drivers (pg, PGlite) keep private fields, so
 * every other method is called on the real object.
 */
function timedQueryable<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key, object);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      if (STATEMENTS.has(key)) return (...args: unknown[]) => timed(() => method.apply(object, args));
      if (OPENERS.has(key)) {
        // Opening a transaction sends BEGIN (and may wait for a pooled connection): timed as well.
        const open = key === "startTransaction" ? timed : (run: () => Promise<unknown>) => run();
        return async (...args: unknown[]) => timedQueryable((await open(() => method.apply(object, args))) as object);
      }
      return method.bind(object);
    },
  });
}

/** The factory to give Prisma's client; migrations keep the plain one. */
export function timedAdapterFactory<T extends SqlDriverAdapterFactory>(factory: T): T {
  return timedQueryable(factory);
}
