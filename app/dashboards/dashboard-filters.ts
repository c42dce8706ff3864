// A dashboard's address: the years it covers, the filters on its products and, for an export, the
// view to download. One schema reads it for the page and its CSV exports, so a view can be bookmarked
// and shared as it is.
//
//   ?du=2022&au=2026                 years covered by the yearly figures (default: the last five)
//   &phase=construction&phase=…      current phase of the products counted
//   &incubateur=<slug>               an incubator (primary or co-incubating) within the scope
//   &vue=<view>                      on the dashboard's `.csv` address: the view to export (DASHBOARD_VIEWS)
//
// Whether a slug names an existing incubator is checked by the server.
import { z } from "zod";
import { PHASES } from "~/domain/phases";

/** The earliest year a dashboard covers: the network began after it. */
export const FIRST_YEAR = 2000;
/** Years shown when the address names none: the current one and the four before. */
export const DEFAULT_YEARS = 5;

/** Every view a dashboard exports, in the order the page shows them; their columns are in dashboard-csv.server.ts. */
export const DASHBOARD_VIEWS = [
  "entonnoir",
  "programme",
  "survie-cohortes",
  "survie-incubateurs",
  "durees",
  "chronologie",
  "financement-annees",
  "financement-financeurs",
  "financement-phases",
  "financement-produits",
  "cout-par-usage",
  "impact",
  "comites",
  "decisions",
  "conditions",
] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];

export interface DashboardQueryValues {
  du: string;
  au: string;
  phase: string[];
  incubateur: string;
  vue: string;
}
export type DashboardField = keyof DashboardQueryValues;
const SINGLE_FIELDS = ["du", "au", "incubateur", "vue"] as const;

export function readDashboardQuery(params: URLSearchParams): DashboardQueryValues {
  const single = Object.fromEntries(SINGLE_FIELDS.map((name) => [name, params.get(name) ?? ""])) as Omit<DashboardQueryValues, "phase">;
  return { phase: params.getAll("phase").filter((value) => value !== ""), ...single };
}

const quoted = (input: unknown) => {
  const text = String(input);
  return `« ${text.length > 40 ? `${text.slice(0, 40)}…` : text} »`;
};
const emptyAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

function yearField(name: string, lastYear: number) {
  return z.preprocess(
    emptyAsMissing,
    z
      .string()
      .trim()
      .regex(/^\d{4}$/, { error: (issue) => `L'année ${name} ${quoted(issue.input)} n'est pas une année sur quatre chiffres, par exemple 2024.` })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(FIRST_YEAR, `L'année ${name} doit être ${FIRST_YEAR} ou plus tard.`)
          .max(lastYear, `L'année ${name} doit être ${lastYear} au plus tard.`),
      )
      .optional(),
  );
}

function schema(currentYear: number) {
  const lastYear = currentYear + 1;
  return z
    .object({
      du: yearField("de début", lastYear),
      au: yearField("de fin", lastYear),
      phase: z
        .array(z.enum(PHASES, { error: (issue) => `La phase ${quoted(issue.input)} n'existe pas : choisissez une phase dans la liste.` }))
        .transform((phases) => [...new Set(phases)]),
      incubateur: z.preprocess(emptyAsMissing, z.string().trim().optional()),
      vue: z.preprocess(
        emptyAsMissing,
        z.enum(DASHBOARD_VIEWS, { error: (issue) => `La vue ${quoted(issue.input)} n'existe pas : choisissez une vue à exporter dans la page.` }).optional(),
      ),
    })
    .transform(({ du, au, ...rest }) => {
      const to = au ?? (du !== undefined && du > currentYear ? du : currentYear);
      return { ...rest, from: du ?? Math.min(to, Math.max(FIRST_YEAR, to - DEFAULT_YEARS + 1)), to };
    })
    .superRefine((value, ctx) => {
      if (value.from > value.to) {
        ctx.addIssue({ code: "custom", path: ["du"], message: "L'année de début doit précéder l'année de fin (ou lui être égale)." });
      }
    });
}

export type DashboardFilters = z.output<ReturnType<typeof schema>>;
export type DashboardFilterErrors = Partial<Record<DashboardField, string[]>>;

export type ParsedDashboardQuery = { success: true; filters: DashboardFilters } | { success: false; errors: DashboardFilterErrors };

// Kept for its year: building the schema cost the dashboard more than parsing with it (0.7 ms a request).
let built: { year: number; schema: ReturnType<typeof schema> } | null = null;

export function parseDashboardQuery(values: DashboardQueryValues, currentYear: number): ParsedDashboardQuery {
  if (built?.year !== currentYear) built = { year: currentYear, schema: schema(currentYear) };
  const parsed = built.schema.safeParse(values);
  return parsed.success
    ? { success: true, filters: parsed.data }
    : { success: false, errors: z.flattenError(parsed.error).fieldErrors as DashboardFilterErrors };
}

/** The query string of the same dashboard with some fields changed, empty ones left out. */
export function dashboardSearch(values: DashboardQueryValues, changes: Partial<DashboardQueryValues> = {}): string {
  const merged = { ...values, ...changes };
  const params = new URLSearchParams();
  for (const name of ["du", "au"] as const) if (merged[name] !== "") params.set(name, merged[name]);
  for (const phase of merged.phase) params.append("phase", phase);
  for (const name of ["incubateur", "vue"] as const) if (merged[name] !== "") params.set(name, merged[name]);
  const search = params.toString();
  return search ? `?${search}` : "";
}
