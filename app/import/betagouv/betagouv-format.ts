// Reads the `content/` folder format of the beta.gouv.fr repository: one Markdown file per record,
// YAML front matter between `---` lines. Pure: the caller reads the files and passes their text.
//
// Real files are untidy, so reading is tolerant and explicit about it: a file that cannot be read
// (broken YAML, no front matter, no title) is skipped with its reason; inside a readable file, a bad
// phase, event, link or reference is dropped (or mapped to a safe value) with an anomaly; fields that
// Jalon does not map are counted, not refused.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { isoDay, parseDay } from "~/domain/days";
import { historyProblems, isPhase, normalizePhase, orderHistory, type Phase } from "~/domain/phases";
import { isEventKind, type EventKind } from "~/domain/product-events";
import type { Product } from "~/generated/prisma/client";
import type { AccessibilityStatus, OrganisationType } from "~/generated/prisma/enums";

/** The folders of `content/` that Jalon reads, by kind of record. */
export const RECORD_FOLDERS = {
  organisation: "_organisations",
  incubator: "_incubators",
  startup: "_startups",
} as const;
export type RecordKind = keyof typeof RECORD_FOLDERS;

/** A file of the folder: its path relative to `content/` ("_startups/aplus.md") and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** Something the import could not take as it was: `skipped` leaves a record out, `anomaly` only part of it. */
export interface ImportIssue {
  file: string;
  severity: "skipped" | "anomaly";
  message: string;
}

export interface OrganisationRecord {
  file: string;
  slug: string;
  name: string;
  acronym: string | null;
  type: OrganisationType;
  ministerialDomain: string | null;
}

export interface IncubatorRecord {
  file: string;
  slug: string;
  name: string;
  description: string | null;
  website: string | null;
  ownerSlug: string | null;
}

export interface PhaseRecord {
  phase: Phase;
  startDate: Date;
  endDate: Date | null;
  comment: string | null;
}

export interface EventRecord {
  kind: EventKind;
  date: Date;
  comment: string | null;
}

/** The product's own columns that the network's file gives. */
export const PRODUCT_FIELDS = [
  "name",
  "pitch",
  "description",
  "websiteUrl",
  "repositoryUrl",
  "statsUrl",
  "budgetUrl",
  "accessibilityStatus",
] as const satisfies readonly (keyof Product)[];
export type ProductFields = Pick<Product, (typeof PRODUCT_FIELDS)[number]>;

export interface StartupRecord extends ProductFields {
  file: string;
  slug: string;
  incubatorSlug: string;
  coIncubatorSlugs: string[];
  sponsorSlugs: string[];
  /** In lifecycle order, each entry ending when the next starts (see `normaliseHistory`). */
  phases: PhaseRecord[];
  events: EventRecord[];
}

export interface ParsedFolder {
  organisations: OrganisationRecord[];
  incubators: IncubatorRecord[];
  startups: StartupRecord[];
  issues: ImportIssue[];
  /** Fields present in the files that Jalon does not map, with the number of files holding each. */
  ignoredFields: Record<string, number>;
}

// ---------- Front matter ----------

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n([\s\S]*))?$/;

export type FrontMatter = { ok: true; data: Record<string, unknown>; body: string } | { ok: false; message: string };

/** The YAML header and the Markdown body of a file; dates stay as the text they are (YAML 1.2 core). */
export function splitFrontMatter(text: string): FrontMatter {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { ok: false, message: "pas d'en-tête YAML entre deux lignes « --- »" };
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? "");
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { ok: false, message: `en-tête YAML illisible (${detail})` };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, message: "l'en-tête YAML n'est pas une liste de champs" };
  }
  return { ok: true, data: data as Record<string, unknown>, body: (match[2] ?? "").trim() };
}

// ---------- Values ----------

/** A day written "2021-06-02", quoted or not, or already a Date (YAML 1.1 parsers, JSON exports). */
export function toDay(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : parseDay(isoDay(value));
  if (typeof value !== "string") return null;
  const text = value.trim();
  return /^\d{4}-\d{2}-\d{2}(?:[T ].*)?$/.test(text) ? parseDay(text.slice(0, 10)) : null;
}

/** Text from a scalar (a title may be read as a number); empty and missing are both null. */
const text = z.preprocess(
  (value) => (typeof value === "number" || typeof value === "boolean" ? String(value) : value),
  z
    .string()
    .nullish()
    .transform((value) => (value?.trim() ? value.trim() : null)),
);

const list = z.preprocess((value) => (value == null ? [] : Array.isArray(value) ? value : [value]), z.array(z.unknown()));

const phaseItem = z.object({ name: z.string(), start: z.unknown(), end: z.unknown().optional(), comment: text.optional() });
const eventItem = z.object({ name: z.string(), date: z.unknown(), comment: text.optional() });

const organisationFields = z.object({ name: text, acronym: text, type: text, domaine_ministeriel: text });
const incubatorFields = z.object({ title: text, owner: text, website: text, short_description: text });
const startupFields = z.object({
  title: text,
  mission: text,
  incubator: text,
  incubators: list,
  sponsors: list,
  phases: list,
  events: list,
  link: text,
  repository: text,
  stats_url: text,
  budget_url: text,
  accessibility_status: text,
});

const MAPPED_FIELDS: Record<RecordKind, ReadonlySet<string>> = {
  organisation: new Set(organisationFields.keyof().options),
  incubator: new Set(incubatorFields.keyof().options),
  startup: new Set(startupFields.keyof().options),
};

const ORGANISATION_TYPES: Record<string, OrganisationType> = {
  ministere: "ministere",
  "administration-centrale": "administration_centrale",
  operateur: "operateur",
  "service-deconcentre": "service_deconcentre",
  "collectivite-territoriale": "collectivite",
  collectivite: "collectivite",
  autre: "autre",
};
/** Types of the network that Jalon files under "autre" without calling it an anomaly. */
const OTHER_ORGANISATION_TYPES = new Set(["securite-sociale"]);

const ACCESSIBILITY: Record<string, AccessibilityStatus> = {
  "non conforme": "non_conforme",
  "partiellement conforme": "partiellement_conforme",
  "totalement conforme": "totalement_conforme",
};

/** "/organisations/dinum" (or "dinum") → "dinum". */
function referenceId(value: unknown, folder: string): string | null {
  if (typeof value !== "string") return null;
  const id = value.trim().replace(new RegExp(`^/?${folder}/`), "");
  return id === "" || id.includes("/") ? null : id;
}

function webAddress(value: string | null, field: string, anomaly: (message: string) => void): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return value;
  } catch {
    // Reported below like any other address that is not a web page.
  }
  anomaly(`${field} « ${value} » n'est pas une adresse web : non reprise`);
  return null;
}

// ---------- Records ----------

interface FileContext {
  file: string;
  id: string;
  data: Record<string, unknown>;
  body: string;
  anomaly(message: string): void;
}

function readOrganisation({ file, id, data, anomaly }: FileContext): OrganisationRecord | string {
  const fields = organisationFields.parse(data);
  const name = fields.name ?? fields.acronym;
  if (name === null) return "ni nom (name) ni sigle (acronym)";
  let type: OrganisationType = "autre";
  if (fields.type !== null) {
    const known = ORGANISATION_TYPES[fields.type];
    if (known) type = known;
    else if (!OTHER_ORGANISATION_TYPES.has(fields.type)) anomaly(`type « ${fields.type} » inconnu : classé « autre »`);
  }
  return { file, slug: id, name, acronym: fields.acronym, type, ministerialDomain: fields.domaine_ministeriel };
}

function readIncubator({ file, id, data, body, anomaly }: FileContext): IncubatorRecord | string {
  const fields = incubatorFields.parse(data);
  if (fields.title === null) return "pas de titre (title)";
  const ownerSlug = fields.owner === null ? null : referenceId(fields.owner, "organisations");
  if (fields.owner !== null && ownerSlug === null) anomaly(`organisation porteuse « ${fields.owner} » illisible`);
  return {
    file,
    slug: id,
    name: fields.title,
    description: body || fields.short_description,
    website: webAddress(fields.website, "le site (website)", anomaly),
    ownerSlug,
  };
}

function readPhases(items: unknown[], anomaly: (message: string) => void): PhaseRecord[] {
  const phases: PhaseRecord[] = [];
  for (const item of items) {
    const parsed = phaseItem.safeParse(item);
    if (!parsed.success) {
      anomaly("une phase sans nom (name) : ignorée");
      continue;
    }
    const { name, start, end, comment } = parsed.data;
    const phase = normalizePhase(name);
    const startDate = toDay(start);
    if (phase === null) anomaly(`phase « ${name} » inconnue : ignorée`);
    else if (startDate === null) anomaly(`phase « ${name} » sans date de début lisible (${String(start)}) : ignorée`);
    else {
      if (!isPhase(name.trim().toLowerCase())) anomaly(`phase « ${name} » (ancien nom) reprise comme « ${phase} »`);
      const endDate = end == null ? null : toDay(end);
      if (end != null && endDate === null) anomaly(`phase « ${name} » : date de fin illisible (${String(end)}), ignorée`);
      phases.push({ phase, startDate, endDate, comment: comment ?? null });
    }
  }
  return normaliseHistory(phases, anomaly);
}

/**
 * Jalon's history convention: in lifecycle order, an entry ends at the latest when the next one
 * starts (a recorded earlier end is kept: a gap between phases is real). An end before its own start
 * (which PhaseEntry_dates_check refuses) or after the next start is replaced by the next start.
 * What `historyProblems` finds (phases after a terminal one, same phase twice…) is kept as the
 * network recorded it, and reported.
 */
export function normaliseHistory(phases: readonly PhaseRecord[], anomaly: (message: string) => void): PhaseRecord[] {
  const ordered = orderHistory(phases);
  const normalised = ordered.map((entry, i) => {
    const nextStart = ordered[i + 1]?.startDate ?? null;
    const { endDate } = entry;
    const label = `phase « ${entry.phase} » du ${isoDay(entry.startDate)}`;
    if (endDate !== null && endDate < entry.startDate) {
      anomaly(`${label} : fin (${isoDay(endDate)}) avant le début, remplacée par ${nextStart ? isoDay(nextStart) : "aucune fin"}`);
      return { ...entry, endDate: nextStart };
    }
    if (nextStart === null) return entry;
    if (endDate !== null && endDate > nextStart) {
      anomaly(`${label} : fin (${isoDay(endDate)}) après le début de la phase suivante, ramenée au ${isoDay(nextStart)}`);
    }
    return { ...entry, endDate: endDate === null || endDate > nextStart ? nextStart : endDate };
  });
  const sameDay = ordered.filter((e, i) => i > 0 && ordered[i - 1]?.startDate.getTime() === e.startDate.getTime());
  for (const entry of sameDay) {
    anomaly(`plusieurs phases commencent le ${isoDay(entry.startDate)} : ordonnées selon le cycle de vie`);
  }
  for (const problem of historyProblems(normalised)) {
    if (problem.kind === "after-terminal") anomaly(`phase « ${problem.phase} » après une phase terminale : conservée`);
    if (problem.kind === "repeated-phase") anomaly(`phase « ${problem.phase} » présente plusieurs fois : conservée`);
  }
  return normalised;
}

function readEvents(items: unknown[], anomaly: (message: string) => void): EventRecord[] {
  const events: EventRecord[] = [];
  for (const item of items) {
    const parsed = eventItem.safeParse(item);
    if (!parsed.success) {
      anomaly("un événement sans nom (name) : ignoré");
      continue;
    }
    const { name, date, comment } = parsed.data;
    const day = toDay(date);
    if (day === null) {
      anomaly(`événement « ${name} » sans date lisible (${String(date)}) : ignoré`);
      continue;
    }
    if (isEventKind(name)) events.push({ kind: name, date: day, comment: comment ?? null });
    else {
      anomaly(`événement « ${name} » inconnu : repris comme « other »`);
      events.push({ kind: "other", date: day, comment: comment ? `${name} : ${comment}` : name });
    }
  }
  return events;
}

function references(items: unknown[], folder: string, what: string, anomaly: (message: string) => void): string[] {
  const ids = new Set<string>();
  for (const item of items) {
    const id = referenceId(item, folder);
    if (id === null) anomaly(`${what} « ${String(item)} » illisible : ignoré`);
    else ids.add(id);
  }
  return [...ids];
}

function readStartup({ file, id, data, body, anomaly }: FileContext): StartupRecord | string {
  const fields = startupFields.parse(data);
  if (fields.title === null) return "pas de titre (title)";
  if (fields.incubator === null) return "pas d'incubateur (incubator)";
  let accessibilityStatus: AccessibilityStatus = "inconnu";
  if (fields.accessibility_status !== null) {
    const key = fields.accessibility_status.toLowerCase().replace(/[\s_-]+/g, " ");
    const known = ACCESSIBILITY[key];
    if (known) accessibilityStatus = known;
    else anomaly(`statut d'accessibilité « ${fields.accessibility_status} » inconnu : « inconnu »`);
  }
  if (fields.mission === null) anomaly("pas de mission (mission) : pitch vide");
  const incubatorSlug = fields.incubator;
  return {
    file,
    slug: id,
    name: fields.title,
    pitch: fields.mission ?? "",
    description: body,
    websiteUrl: webAddress(fields.link, "le site (link)", anomaly),
    repositoryUrl: webAddress(fields.repository, "le dépôt (repository)", anomaly),
    statsUrl: webAddress(fields.stats_url, "la page de statistiques (stats_url)", anomaly),
    budgetUrl: webAddress(fields.budget_url, "la page budget (budget_url)", anomaly),
    accessibilityStatus,
    incubatorSlug,
    coIncubatorSlugs: references(fields.incubators, "incubators", "incubateur", anomaly).filter((slug) => slug !== incubatorSlug),
    sponsorSlugs: references(fields.sponsors, "organisations", "sponsor", anomaly),
    phases: readPhases(fields.phases, anomaly),
    events: readEvents(fields.events, anomaly),
  };
}

/** Adds the file's record to `result`; returns why it cannot be read, if so. */
function readRecord(kind: RecordKind, context: FileContext, result: ParsedFolder): string | null {
  try {
    if (kind === "organisation") return keep(readOrganisation(context), result.organisations);
    if (kind === "incubator") return keep(readIncubator(context), result.incubators);
    return keep(readStartup(context), result.startups);
  } catch (error) {
    // A field of the wrong shape (a title that is a list…): zod names it.
    if (error instanceof z.ZodError) {
      const [first] = error.issues;
      return `champ « ${first?.path.join(".") ?? "?"} » illisible`;
    }
    throw error;
  }
}

function keep<T>(record: T | string, into: T[]): string | null {
  if (typeof record === "string") return record;
  into.push(record);
  return null;
}

/** The record kind and id of a file ("_startups/aplus.md" → startup "aplus"), or null for other folders. */
function locate(path: string): { kind: RecordKind; id: string; hasExtension: boolean } | null {
  const [folder, name, ...deeper] = path.split("/");
  const kind = (Object.keys(RECORD_FOLDERS) as RecordKind[]).find((k) => RECORD_FOLDERS[k] === folder);
  if (!kind || !name || deeper.length > 0 || name.startsWith(".")) return null;
  const hasExtension = name.endsWith(".md");
  return { kind, id: hasExtension ? name.slice(0, -3) : name, hasExtension };
}

/** Reads one record into `result`, or reports why it cannot; counts the fields Jalon does not map. */
function addRecord(result: ParsedFolder, kind: RecordKind, source: Omit<FileContext, "anomaly">) {
  const issue = (severity: ImportIssue["severity"], message: string) =>
    result.issues.push({ file: source.file, severity, message });
  const skipped = readRecord(kind, { ...source, anomaly: (message) => issue("anomaly", message) }, result);
  if (skipped !== null) {
    issue("skipped", `${skipped} : fichier ignoré`);
    return;
  }
  for (const field of Object.keys(source.data)) {
    if (MAPPED_FIELDS[kind].has(field)) continue;
    const name = `${RECORD_FOLDERS[kind]}.${field}`;
    result.ignoredFields[name] = (result.ignoredFields[name] ?? 0) + 1;
  }
}

/** Every record of the folder that can be read, and why the others could not. */
export function parseFolder(files: readonly SourceFile[]): ParsedFolder {
  const result: ParsedFolder = { organisations: [], incubators: [], startups: [], issues: [], ignoredFields: {} };
  const seen = new Map<string, string>();
  // Sorted, so that a duplicate is always the same file of the two and reports are stable.
  for (const { path, text } of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const place = locate(path);
    if (!place) continue;
    const issue = (severity: ImportIssue["severity"], message: string) => result.issues.push({ file: path, severity, message });
    const key = `${place.kind}/${place.id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issue("skipped", `même identifiant « ${place.id} » que ${first} : fichier ignoré`);
      continue;
    }
    seen.set(key, path);
    if (!place.hasExtension) issue("anomaly", "fichier sans extension .md : lu quand même");
    const header = splitFrontMatter(text);
    if (!header.ok) {
      issue("skipped", `${header.message} : fichier ignoré`);
      continue;
    }
    addRecord(result, place.kind, { file: path, id: place.id, data: header.data, body: header.body });
  }
  return result;
}

// ---------- The network's JSON export ----------

/** The source cannot be read at all (not a folder of the format, not JSON…); the message is for the operator. */
export class ImportSourceError extends Error {
  override name = "ImportSourceError";
}

const exportedRecord = z.object({
  id: z.string(),
  type: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()),
  relationships: z.object({ incubator: z.object({ data: z.object({ id: z.string() }).nullish() }).optional() }).optional(),
});
const startupsExport = z.object({ data: z.array(exportedRecord), included: z.array(exportedRecord).optional() });

/** "/startups/aplus" or "aplus" → "aplus". */
const lastSegment = (id: string) => id.split("/").filter(Boolean).at(-1) ?? "";

/**
 * The network's JSON export (`api/v2.x/startups.json`: JSON:API, products in `data`, incubators in
 * `included`), read into the same records as the folder. It has no organisations: sponsors link to
 * the organisations already in Jalon (an earlier folder import), others are reported.
 */
export function parseStartupsJson(text: string, file = "startups.json"): ParsedFolder {
  let parsed: z.infer<typeof startupsExport>;
  try {
    parsed = startupsExport.parse(JSON.parse(text));
  } catch {
    throw new ImportSourceError(`Le fichier « ${file} » n'est pas un export startups.json de beta.gouv.fr (JSON:API, liste « data »).`);
  }
  const result: ParsedFolder = { organisations: [], incubators: [], startups: [], issues: [], ignoredFields: {} };
  for (const record of parsed.included ?? []) {
    if (record.type !== undefined && record.type !== "incubator") continue;
    const id = lastSegment(record.id);
    addRecord(result, "incubator", { file: `${file}#${id}`, id, data: record.attributes, body: "" });
  }
  for (const record of parsed.data) {
    const id = lastSegment(record.id);
    const { name, pitch, content_url_encoded_markdown: markdown, ...attributes } = record.attributes;
    let body = "";
    try {
      // Form encoding (Jekyll's url_encode): "+" is a space, a real "+" is "%2B".
      body = typeof markdown === "string" ? decodeURIComponent(markdown.replace(/\+/g, " ")).trim() : "";
    } catch {
      result.issues.push({ file: `${file}#${id}`, severity: "anomaly", message: "description illisible (encodage) : non reprise" });
    }
    // The template writes every phase's end, empty when there is none.
    const phases = Array.isArray(attributes.phases)
      ? attributes.phases.map((p: unknown) => (p && typeof p === "object" && "end" in p && p.end === "" ? { ...p, end: undefined } : p))
      : attributes.phases;
    const data = { ...attributes, phases, title: name, mission: pitch, incubator: record.relationships?.incubator?.data?.id };
    addRecord(result, "startup", { file: `${file}#${id}`, id, data, body });
  }
  return result;
}
