// The portfolio as a spreadsheet: the view on screen (same filters, search and sort), every page,
// for `/produits.csv?<the list's query>`.
//
// Format: UTF-8 with a byte-order mark (Excel then reads accents right), comma-separated, CRLF line
// ends, RFC 4180 quoting (a cell holding a comma, a quote or a line break is quoted, quotes doubled).
// A cell starting with = + - @ (or a tab or carriage return) gets a leading apostrophe, so that a
// spreadsheet shows it as text instead of running it as a formula (CSV injection).
//
// Columns, in this order (the header row names them):
//   slug                  the product's stable identifier (its address: /produits/<slug>)
//   nom                   the product's name
//   phase                 current phase, the network's id: investigation, construction, acceleration,
//                         consolidation, opere, transfere, abandon, abandon-investigation; empty if none
//   libelle_phase         the same phase in French
//   incubateur            the primary incubator's name
//   ministere             the primary incubator's ministry, empty if unknown
//   sponsors              the sponsoring organisations' names, separated by "|"
//   derniere_mise_a_jour  ISO date (Paris time) of the last update, the product's or its indicators'
//   prochaine_revue       ISO date of the next committee review, empty when unknown
//   non_mis_a_jour        "oui" when an active product was not updated for `JALON_STALE_AFTER_DAYS` days
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import type { Actor } from "~/auth/permissions";
import { isoDay } from "~/domain/days";
import { PHASE_LABELS } from "~/domain/labels";
import type { PortfolioFilterErrors } from "./portfolio-filters";
import { allPortfolioRows, type PortfolioQuery, type PortfolioRow } from "./portfolio.server";

const HEADER = [
  "slug",
  "nom",
  "phase",
  "libelle_phase",
  "incubateur",
  "ministere",
  "sponsors",
  "derniere_mise_a_jour",
  "prochaine_revue",
  "non_mis_a_jour",
];

const paris = tz("Europe/Paris");
const parisDay = (date: Date) => format(date, "yyyy-MM-dd", { in: paris });

/** One cell: neutralised if a spreadsheet would read it as a formula, then quoted if needed. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const csvLine = (cells: readonly string[]) => `${cells.map(csvCell).join(",")}\r\n`;

function rowCells(row: PortfolioRow): string[] {
  return [
    row.slug,
    row.name,
    row.phase ?? "",
    row.phase ? PHASE_LABELS[row.phase] : "",
    row.incubator.name,
    row.ministry ?? "",
    row.sponsors.map((s) => s.name).join("|"),
    parisDay(row.lastUpdate),
    // Calendar days are stored at midnight UTC.
    row.nextReview ? isoDay(row.nextReview) : "",
    row.staleDays === null ? "non" : "oui",
  ];
}

/**
 * The export as a download, streamed a batch of rows at a time. The first batch is read before
 * answering, so that a failing database gives an error page rather than a truncated file.
 */
export async function portfolioCsvResponse(actor: Actor | null, query: PortfolioQuery, asOf: Date = new Date()) {
  const encoder = new TextEncoder();
  const batches = allPortfolioRows(actor, query, asOf);
  const first = await batches.next();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(HEADER)}`));
      if (!first.done) controller.enqueue(encoder.encode(first.value.map((row) => csvLine(rowCells(row))).join("")));
    },
    async pull(controller) {
      const next = first.done ? first : await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map((row) => csvLine(rowCells(row))).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="jalon-portefeuille-${parisDay(asOf)}.csv"`,
      // What a viewer may see depends on who they are.
      "Cache-Control": "private, no-store",
    },
  });
}

/** A refused export: the same French messages as the list, as plain text. */
export function csvRefusal(errors: PortfolioFilterErrors | Partial<Record<string, string[]>>): Response {
  const messages = Object.values(errors).flat();
  return new Response(`L'export n'a pas pu être produit, ces filtres ne sont pas valides :\n${messages.map((m) => `- ${m}`).join("\n")}\n`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
