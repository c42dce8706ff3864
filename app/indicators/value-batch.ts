// Checking a batch of indicator values before anything is written, whatever its way in (a CSV file,
// an API body): which indicator each row names, which period, which number, and what makes a row
// unusable. Pure, so that a file's preview and a push's refusal say the same things.
import { EARLIEST_DAY, today as todayOf } from "~/domain/days";
import { parseLocaleNumber } from "~/domain/numbers";
import { parsePeriod, periodKey, periodStart } from "~/domain/periods";
import type { Frequency } from "~/generated/prisma/enums";
import { foldName } from "./csv";
import { REASON_MAX_LENGTH } from "./entry-form";

/** An indicator of the product, as a batch may name it. */
export interface IndicatorRef {
  id: string;
  name: string;
  frequency: Frequency;
  archived: boolean;
}

export interface RawValueRow {
  /** Where the row comes from: a line of the file, or an index in the API body. */
  position: number;
  /** The indicator's name (case and accents do not matter) or its id. */
  indicator: string;
  period: string;
  /** As typed in a file (French or English notation), or a number from JSON. */
  value: string | number;
  reason?: string;
}

export type ValueField = "indicator" | "period" | "value" | "reason";

export interface RowError {
  field: ValueField;
  message: string;
}

export interface CheckedRow {
  position: number;
  raw: RawValueRow;
  indicator: { id: string; name: string; frequency: Frequency } | null;
  periodStart: Date | null;
  /** The period as Jalon writes it ("2026-10", "2026-T4"…), once read. */
  periodLabel: string | null;
  value: number | null;
  reason: string | undefined;
  /** A row without a value is left out: a template lists every indicator, teams fill some. */
  skipped: boolean;
  errors: RowError[];
}

/** A row ready to be recorded. */
export type ValidRow = CheckedRow & { indicator: NonNullable<CheckedRow["indicator"]>; periodStart: Date; value: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Lookup = { ok: true; indicator: IndicatorRef } | { ok: false; message: string };

function indicatorFinder(indicators: readonly IndicatorRef[]): (text: string) => Lookup {
  const byId = new Map(indicators.map((i) => [i.id.toLowerCase(), i]));
  const byName = new Map<string, IndicatorRef[]>();
  for (const indicator of indicators) {
    const key = foldName(indicator.name);
    byName.set(key, [...(byName.get(key) ?? []), indicator]);
  }
  return (text) => {
    const typed = text.trim();
    if (typed === "") return { ok: false, message: "Indicateur manquant : indiquez son nom ou son identifiant." };
    const matches = UUID.test(typed) ? [byId.get(typed.toLowerCase())].filter((i) => i !== undefined) : (byName.get(foldName(typed)) ?? []);
    if (matches.length > 1) return { ok: false, message: `Plusieurs indicateurs s'appellent « ${typed} » : indiquez son identifiant.` };
    const [indicator] = matches;
    if (!indicator) return { ok: false, message: `Indicateur inconnu : « ${typed} » ne désigne aucun indicateur de ce produit.` };
    if (indicator.archived) return { ok: false, message: `L'indicateur « ${indicator.name} » est archivé : il ne reçoit plus de valeurs.` };
    return { ok: true, indicator };
  };
}

const PERIOD_HELP = "Écrivez par exemple 2026-10 (un mois), 2026-T4 (un trimestre), 2026-10-15 ou 15/10/2026.";

function readPeriod(text: string, frequency: Frequency, now: Date): { start: Date } | { message: string } {
  const typed = text.trim();
  if (typed === "") return { message: `Période manquante. ${PERIOD_HELP}` };
  const start = parsePeriod(typed, frequency);
  if (!start) return { message: `Période illisible : « ${typed} ». ${PERIOD_HELP}` };
  if (start < EARLIEST_DAY) return { message: `Période antérieure à l'an 2000 (« ${typed} ») : vérifiez l'année.` };
  if (start > periodStart(todayOf(now), frequency)) {
    return { message: `Période à venir (${periodKey(start, frequency)}) : une valeur se déclare une fois sa période commencée.` };
  }
  return { start };
}

function readValue(value: string | number): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  return parseLocaleNumber(value);
}

const isBlank = (value: string | number) => typeof value === "string" && value.trim() === "";

export interface CheckOptions {
  /** Now, for refusing periods that have not begun. */
  now?: Date;
  /** How a row is named in messages: "la ligne 4", "l'élément 3". */
  describe: (position: number) => string;
}

/** Every row of a batch, read and checked; a batch is recorded only when no row has an error. */
export function checkValueRows(rows: readonly RawValueRow[], indicators: readonly IndicatorRef[], options: CheckOptions): CheckedRow[] {
  const find = indicatorFinder(indicators);
  const now = options.now ?? new Date();
  const firstPosition = new Map<string, number>();
  return rows.map((raw) => {
    const reason = raw.reason?.trim() || undefined;
    const row: CheckedRow = { position: raw.position, raw, indicator: null, periodStart: null, periodLabel: null, value: null, reason, skipped: false, errors: [] };
    if (isBlank(raw.value)) return { ...row, skipped: true };

    const found = find(raw.indicator);
    if (found.ok) row.indicator = { id: found.indicator.id, name: found.indicator.name, frequency: found.indicator.frequency };
    else row.errors.push({ field: "indicator", message: found.message });

    // Without a known indicator, the period is still checked for what it can be: a month, a quarter, a day.
    const period = readPeriod(raw.period, row.indicator?.frequency ?? "monthly", now);
    if ("message" in period) row.errors.push({ field: "period", message: period.message });
    else if (row.indicator) {
      row.periodStart = period.start;
      row.periodLabel = periodKey(period.start, row.indicator.frequency);
    }

    row.value = readValue(raw.value);
    if (row.value === null) {
      row.errors.push({ field: "value", message: `Valeur illisible : « ${String(raw.value).trim()} ». Écrivez un nombre, par exemple 1 234,5 ou 1234.5.` });
    }
    if (reason && reason.length > REASON_MAX_LENGTH) {
      row.errors.push({ field: "reason", message: `Raison trop longue : ${REASON_MAX_LENGTH} caractères au plus.` });
    }

    if (row.indicator && row.periodStart) {
      const key = `${row.indicator.id}|${row.periodStart.toISOString()}`;
      const first = firstPosition.get(key);
      if (first === undefined) firstPosition.set(key, raw.position);
      else {
        row.errors.push({
          field: "period",
          message: `Doublon : ${options.describe(first)} donne déjà une valeur à « ${row.indicator.name} » pour la période ${row.periodLabel}.`,
        });
      }
    }
    return row;
  });
}

export function isValidRow(row: CheckedRow): row is ValidRow {
  return !row.skipped && row.errors.length === 0 && row.indicator !== null && row.periodStart !== null && row.value !== null;
}

/** A value already recorded for a row's indicator and period. */
export interface RecordedValue {
  value: number;
  validated: boolean;
}

/** What a row will do once the batch is recorded. */
export type RowPlan =
  | { kind: "error"; errors: RowError[] }
  | { kind: "skipped" }
  | { kind: "create"; to: number }
  | { kind: "update"; from: number; to: number }
  | { kind: "unchanged"; to: number };

/**
 * What `row` will do, given what is recorded for its indicator and period. As on the entry screen, a
 * validated value (a coach vouched for it, a committee may have seen it) changes only with a reason.
 */
export function planRow(row: CheckedRow, recorded: RecordedValue | undefined): RowPlan {
  if (row.skipped) return { kind: "skipped" };
  if (!isValidRow(row)) return { kind: "error", errors: row.errors };
  if (!recorded) return { kind: "create", to: row.value };
  if (recorded.value === row.value) return { kind: "unchanged", to: row.value };
  if (recorded.validated && !row.reason) {
    return {
      kind: "error",
      errors: [{ field: "reason", message: `La valeur enregistrée (${recorded.value.toLocaleString("fr-FR")}) avait été validée : indiquez la raison de sa modification.` }],
    };
  }
  return { kind: "update", from: recorded.value, to: row.value };
}
