// Dashboard figures (and the filters' lists) kept in process memory while the data version
// (app/db/data-version.server.ts) stays put: a figure is never older than the last committed change,
// in any process, while a page seen again costs one query instead of some fifteen aggregates.
// Requests arriving together for the same key share one computation. Decided in
// docs/decisions/021-dashboard-figures-cache.md.
import { db } from "~/db.server";

/** Keys kept per process: every scope and filter a network consults often, each under a few viewer kinds. */
const FIGURES_CACHE_SIZE = 64;

interface Entry {
  version: bigint;
  figures: Promise<unknown>;
}

// Per database client: tests and scripts may install another database in the same process, whose
// versions count from another start.
const caches = new WeakMap<object, Map<string, Entry>>();

/**
 * The figures under `key` (everything they depend on but the data: scope, filters, what the viewer
 * may read, the day), computed by `compute` unless a computation that saw data `version` (read
 * before the computation starts) or a later one is kept or under way. Without a version (writes in
 * flight) the figures are computed, not kept.
 */
export function cachedFigures<T>(key: string, version: bigint | null, compute: () => Promise<T>): Promise<T> {
  if (version === null) return compute();
  const client = db();
  let entries = caches.get(client);
  if (!entries) caches.set(client, (entries = new Map()));
  const kept = entries.get(key);
  // Insertion order is recency: a hit moves to the end, the first key is the least recently used.
  entries.delete(key);
  if (kept && kept.version >= version) {
    entries.set(key, kept);
    return kept.figures as Promise<T>;
  }
  const entry: Entry = { version, figures: compute() };
  entries.set(key, entry);
  if (entries.size > FIGURES_CACHE_SIZE) entries.delete(entries.keys().next().value!);
  const own = entries;
  // A failed computation is not kept: the next request tries again (its caller still gets the error).
  entry.figures.catch(() => {
    if (own.get(key) === entry) own.delete(key);
  });
  return entry.figures as Promise<T>;
}
