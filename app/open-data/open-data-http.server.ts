// The open datasets over HTTP: as pages of JSON in the public API (/api/public/v1/…), as CSV files
// with their Table Schema and as one Data Package (/donnees/…). Same rows, same columns, same
// licence: everything comes from the definitions of datasets.server.ts.
import {
  conditionalAnswer,
  conditionalJson,
  etagMatches,
  latest,
  nextPageUrl,
  nonReadAnswer,
  OPEN_DATA_HEADERS,
  publicError,
  readListRequest,
} from "~/api/public-http.server";
import { LICENCE_ID } from "~/api/public-products";
import { isoDay, parisDay } from "~/domain/days";
import {
  DATASETS,
  datasetById,
  datasetCount,
  datasetPage,
  datasetRows,
  datasetVersion,
  definitionOf,
  publicProductId,
  type Dataset,
} from "./datasets.server";
import { csvHeader, csvRow, LICENCE, tableSchema } from "./table-schema";

/** GET /api/public/v1/<dataset>?page=&pageSize=&product= */
export async function datasetApiAnswer(request: Request, dataset: Dataset): Promise<Response> {
  const read = readListRequest(request);
  if (!read.ok) return read.answer;
  const { url, query } = read;
  const { page, pageSize } = query;

  let productId: string | undefined;
  const product = url.searchParams.get("product")?.trim();
  if (dataset.sql.byProduct && product) {
    const id = await publicProductId(product);
    if (!id) return publicError(404, `Produit introuvable : aucun produit public n'a l'identifiant « ${product} ».`);
    productId = id;
  }
  const asOf = new Date();
  const offset = (page - 1) * pageSize;
  const [total, rows] = await Promise.all([
    datasetCount(dataset, { productId, asOf }),
    // Past any possible list, there is no need to ask for rows.
    Number.isSafeInteger(offset) ? datasetPage(dataset, { productId, offset, limit: pageSize, asOf }).then((p) => p.rows) : [],
  ]);
  const body = {
    data: rows.map((row) => row.values),
    page,
    pageSize,
    total,
    next: nextPageUrl(url, query, total),
    licence: LICENCE_ID,
  };
  return conditionalJson(request, body, latest(rows.map((row) => row.modifiedAt)));
}

export type OpenDataFile =
  | { kind: "csv"; dataset: Dataset }
  | { kind: "schema"; dataset: Dataset }
  | { kind: "package" };

/** "produits.csv", "produits.schema.json" or "datapackage.json"; null for any other name. */
export function openDataFile(name: string): OpenDataFile | null {
  if (name === "datapackage.json") return { kind: "package" };
  const match = /^([a-z-]+)\.(csv|schema\.json)$/.exec(name);
  const dataset = match ? datasetById(match[1]) : undefined;
  if (!match || !dataset) return null;
  return { kind: match[2] === "csv" ? "csv" : "schema", dataset };
}

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8" };

/** The Data Package: every dataset with the address of its CSV file and its schema. */
export function dataPackage(appUrl: string) {
  return {
    $schema: "https://specs.frictionlessdata.io/schemas/data-package.json",
    name: "jalon-donnees-ouvertes",
    title: "Jalon : produits publics des incubateurs, phases, décisions et indicateurs d'impact",
    licenses: [LICENCE],
    resources: DATASETS.map((dataset) => ({
      name: dataset.id,
      title: dataset.title,
      description: dataset.description,
      path: new URL(`/donnees/${dataset.id}.csv`, appUrl).href,
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      schema: new URL(`/donnees/${dataset.id}.schema.json`, appUrl).href,
    })),
  };
}

/**
 * A CSV file, streamed a batch of rows at a time. The first batch is read before answering, so that
 * a failing database gives an error rather than a truncated file. Its ETag is the dataset's version:
 * a harvester revalidating an unchanged file gets a 304 without a row being read.
 */
async function csvAnswer(request: Request, dataset: Dataset, asOf: Date): Promise<Response> {
  const version = await datasetVersion(dataset, asOf);
  // Weak: the same rows may be written byte for byte differently by another version of Jalon.
  const validators: Record<string, string> = version ? { ETag: `W/"${version}"` } : {};
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (version && ifNoneMatch !== null && etagMatches(ifNoneMatch, `"${version}"`)) {
    return new Response(null, { status: 304, headers: { ...OPEN_DATA_HEADERS, ...validators } });
  }
  const encoder = new TextEncoder();
  const batches = datasetRows(dataset, asOf);
  const first = await batches.next();
  const encode = (rows: readonly { values: Parameters<typeof csvRow>[1] }[]) =>
    encoder.encode(rows.map((row) => csvRow(dataset, row.values)).join(""));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvHeader(dataset)));
      if (!first.done) controller.enqueue(encode(first.value));
    },
    async pull(controller) {
      const next = first.done ? first : await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encode(next.value));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      ...OPEN_DATA_HEADERS,
      ...validators,
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `inline; filename="jalon-${dataset.id}-${isoDay(parisDay(asOf))}.csv"`,
    },
  });
}

/** GET /donnees/<file> */
export async function openDataFileAnswer(request: Request, name: string, appUrl: string): Promise<Response> {
  const refused = nonReadAnswer(request);
  if (refused) return refused;
  const file = openDataFile(name);
  if (!file) {
    return new Response(`Fichier introuvable : « ${name} » n'est pas un jeu de données de Jalon. La liste est sur /donnees.\n`, {
      status: 404,
      headers: { ...OPEN_DATA_HEADERS, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  switch (file.kind) {
    case "package":
      return conditionalAnswer(request, JSON.stringify(dataPackage(appUrl), null, 2), null, JSON_HEADERS);
    case "schema":
      return conditionalAnswer(request, JSON.stringify(tableSchema(definitionOf(file.dataset)), null, 2), null, JSON_HEADERS);
    case "csv":
      return csvAnswer(request, file.dataset, new Date());
  }
}
