// The portfolio's address: every filter, the search, the sort and the page live in the query string,
// so that a view can be shared, bookmarked and exported as it is. One schema reads it for the list,
// its CSV export and the filter form.
//
//   ?phase=construction&phase=acceleration   current phase, one or several
//   &statut=actifs|termines                  active or ended products
//   &incubateur=<slug>&ministere=<slug>&sponsor=<organisation slug>
//   &revue=en-retard&indicateurs=en-retard   alerts (see docs/decisions/007-portfolio-queries.md)
//   &financement=a-echeance                   money running out within 45 days, no committee planned
//                                            (docs/decisions/020-funding-envelopes-and-runway.md)
//   &entree=construction&annee=2024          a milestone reached (a phase started, or impact-national: a
//                                            national impact event), during a year if `annee` is given:
//                                            the lists behind the dashboards' yearly figures
//   &recherche=ecologie                      name and pitch, accents and case ignored
//   &tri=nom|phase|mise-a-jour|revue&ordre=croissant|decroissant
//   &page=2                                  50 products a page
//
// Whether a slug names an existing incubator, ministry or organisation is checked by the server.
import { z } from "zod";
import { PHASES } from "~/domain/phases";

export const PORTFOLIO_PAGE_SIZE = 50;
/** Longest search accepted: a search is a few words, not a paragraph. */
export const SEARCH_MAX_LENGTH = 100;

export const LIFECYCLE_FILTERS = ["actifs", "termines"] as const;
export type LifecycleFilter = (typeof LIFECYCLE_FILTERS)[number];

export const PORTFOLIO_SORTS = ["nom", "phase", "mise-a-jour", "revue"] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];

export const SORT_DIRECTIONS = ["croissant", "decroissant"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** The direction a sort takes when the address does not say: the most recent update first. */
export const DEFAULT_DIRECTIONS: Record<PortfolioSort, SortDirection> = {
  nom: "croissant",
  phase: "croissant",
  "mise-a-jour": "decroissant",
  revue: "croissant",
};

/** Milestones a product reaches: a phase starts, or its national impact is recognised (an event). */
export const MILESTONES = [...PHASES, "impact-national"] as const;
export type Milestone = (typeof MILESTONES)[number];

/** The value a checked alert box sends. */
export const ALERT_VALUE = "en-retard";
/** The value the "financement à échéance" box sends. */
export const FUNDING_DUE_VALUE = "a-echeance";

/** The query's fields, as typed: what the filter form shows again, valid or not. */
export interface PortfolioQueryValues {
  phase: string[];
  statut: string;
  incubateur: string;
  ministere: string;
  sponsor: string;
  revue: string;
  indicateurs: string;
  financement: string;
  recherche: string;
  tri: string;
  ordre: string;
  page: string;
  entree: string[];
  annee: string;
}
export type PortfolioField = keyof PortfolioQueryValues;

const SINGLE_FIELDS = [
  "statut",
  "incubateur",
  "ministere",
  "sponsor",
  "revue",
  "indicateurs",
  "financement",
  "recherche",
  "tri",
  "ordre",
  "page",
  "annee",
] as const satisfies readonly Exclude<PortfolioField, "phase" | "entree">[];

/** The query string's fields: every `phase`, the first value of the others, "" when absent. */
export function readPortfolioQuery(params: URLSearchParams): PortfolioQueryValues {
  const single = Object.fromEntries(SINGLE_FIELDS.map((name) => [name, params.get(name) ?? ""])) as Omit<
    PortfolioQueryValues,
    "phase" | "entree"
  >;
  const all = (name: string) => params.getAll(name).filter((value) => value !== "");
  return { phase: all("phase"), entree: all("entree"), ...single };
}

/** An echoed value, shortened: a message quotes what was typed, not a whole pasted page. */
function quoted(input: unknown): string {
  const text = String(input);
  return `« ${text.length > 40 ? `${text.slice(0, 40)}…` : text} »`;
}

// The form sends an empty value for "all"; it means no filter.
const emptyAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const slug = z.string().trim().optional();

const alert = (message: string) =>
  z.preprocess(
    emptyAsMissing,
    z
      .literal(ALERT_VALUE, { error: message })
      .optional()
      .transform((value) => value !== undefined),
  );

const PAGE_MESSAGE = "Le numéro de page doit être un nombre entier à partir de 1, par exemple 2.";

export const PortfolioQuerySchema = z.object({
  phase: z
    .array(
      z.enum(PHASES, {
        error: (issue) => `La phase ${quoted(issue.input)} n'existe pas : choisissez une phase dans la liste.`,
      }),
    )
    .transform((phases) => [...new Set(phases)]),
  statut: z.preprocess(
    emptyAsMissing,
    z
      .enum(LIFECYCLE_FILTERS, {
        error: (issue) => `Le statut ${quoted(issue.input)} n'existe pas : choisissez « actifs » ou « terminés ».`,
      })
      .optional(),
  ),
  incubateur: z.preprocess(emptyAsMissing, slug),
  ministere: z.preprocess(emptyAsMissing, slug),
  sponsor: z.preprocess(emptyAsMissing, slug),
  revue: alert("Pour ne voir que les revues en retard, cochez la case « Revue en retard »."),
  indicateurs: alert("Pour ne voir que les indicateurs en retard, cochez la case « Indicateurs en retard »."),
  financement: z.preprocess(
    emptyAsMissing,
    z
      .literal(FUNDING_DUE_VALUE, { error: "Pour ne voir que les financements à échéance, cochez la case « Financement à échéance »." })
      .optional()
      .transform((value) => value !== undefined),
  ),
  recherche: z.preprocess(
    emptyAsMissing,
    z
      .string()
      .trim()
      .max(SEARCH_MAX_LENGTH, {
        error: (issue) =>
          `La recherche est trop longue : ${SEARCH_MAX_LENGTH} caractères au plus (vous en avez saisi ${String(issue.input).trim().length}).`,
      })
      .optional(),
  ),
  tri: z.preprocess(
    emptyAsMissing,
    z
      .enum(PORTFOLIO_SORTS, {
        error: (issue) => `Le tri ${quoted(issue.input)} n'existe pas : choisissez un tri dans la liste.`,
      })
      .default("nom"),
  ),
  ordre: z.preprocess(
    emptyAsMissing,
    z
      .enum(SORT_DIRECTIONS, {
        error: (issue) => `L'ordre ${quoted(issue.input)} n'existe pas : choisissez « croissant » ou « décroissant ».`,
      })
      .optional(),
  ),
  page: z.preprocess(
    emptyAsMissing,
    z
      .string()
      .trim()
      .regex(/^\d+$/, PAGE_MESSAGE)
      // Any page past the last one is answered with an empty page; beyond this, the number is only noise.
      .transform((value) => Math.min(Number(value), Number.MAX_SAFE_INTEGER))
      .pipe(z.number().min(1, PAGE_MESSAGE))
      .default(1),
  ),
  entree: z
    .array(
      z.enum(MILESTONES, {
        error: (issue) => `L'étape ${quoted(issue.input)} n'existe pas : choisissez une phase ou « impact-national ».`,
      }),
    )
    .transform((milestones) => [...new Set(milestones)]),
  annee: z.preprocess(
    emptyAsMissing,
    z
      .string()
      .trim()
      .regex(/^(19|20)\d{2}$/, "L'année doit s'écrire sur quatre chiffres, par exemple 2024.")
      .transform(Number)
      .optional(),
  ),
}).superRefine((filters, ctx) => {
  if (filters.annee !== undefined && filters.entree.length === 0) {
    ctx.addIssue({ code: "custom", path: ["annee"], message: "Pour filtrer par année, choisissez aussi l'étape franchie cette année-là." });
  }
});

/** The query as read: slugs not yet checked against the database. */
export type PortfolioFilters = z.output<typeof PortfolioQuerySchema>;
export type PortfolioFilterErrors = Partial<Record<PortfolioField, string[]>>;

/** The direction the list is sorted in: the one asked for, else the sort's own. */
export function sortDirection(filters: Pick<PortfolioFilters, "tri" | "ordre">): SortDirection {
  return filters.ordre ?? DEFAULT_DIRECTIONS[filters.tri];
}

export type ParsedPortfolioQuery =
  | { success: true; filters: PortfolioFilters }
  | { success: false; errors: PortfolioFilterErrors };

export function parsePortfolioQuery(values: PortfolioQueryValues): ParsedPortfolioQuery {
  const parsed = PortfolioQuerySchema.safeParse(values);
  return parsed.success
    ? { success: true, filters: parsed.data }
    : { success: false, errors: z.flattenError(parsed.error).fieldErrors as PortfolioFilterErrors };
}

/**
 * The query string of the same view with some fields changed (`{ page: "3" }`), for pagination and
 * export links; empty fields are left out so that addresses stay short.
 */
export function portfolioSearch(values: PortfolioQueryValues, changes: Partial<PortfolioQueryValues> = {}): string {
  const merged = { ...values, ...changes };
  const params = new URLSearchParams();
  for (const phase of merged.phase) params.append("phase", phase);
  for (const milestone of merged.entree) params.append("entree", milestone);
  for (const name of SINGLE_FIELDS) if (merged[name] !== "") params.set(name, merged[name]);
  const search = params.toString();
  return search ? `?${search}` : "";
}
