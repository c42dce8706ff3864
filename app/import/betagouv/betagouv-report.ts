// The import's report as the operator reads it, in French: a table of counts per kind, then every
// file skipped or taken with an anomaly, then the fields Jalon does not map.
import { REPORT_KINDS, type Counts, type ImportReport, type ReportKind } from "./betagouv-plan";

const KIND_LABELS: Record<ReportKind, string> = {
  organisations: "organisations",
  incubators: "incubateurs",
  products: "produits",
  sponsors: "liens sponsors",
  coIncubations: "co-incubations",
  phases: "phases",
  events: "événements",
  sessions: "séances de comité",
  agendaItems: "passages en comité",
  decisions: "décisions",
};

const COLUMNS: { key: keyof Counts; label: string }[] = [
  { key: "created", label: "créés" },
  { key: "updated", label: "mis à jour" },
  { key: "unchanged", label: "inchangés" },
  { key: "removed", label: "retirés" },
  { key: "skipped", label: "ignorés" },
];

export function describeImportReport(report: ImportReport, source: string): string {
  const width = Math.max(...REPORT_KINDS.map((kind) => KIND_LABELS[kind].length));
  const header = ["".padEnd(width), ...COLUMNS.map((c) => c.label.padStart(10))].join("  ");
  const rows = REPORT_KINDS.map((kind) =>
    [KIND_LABELS[kind].padEnd(width), ...COLUMNS.map((c) => String(report.counts[kind][c.key]).padStart(10))].join("  "),
  );
  const lines = [`Import beta.gouv.fr depuis ${source} :`, `  ${header}`, ...rows.map((row) => `  ${row}`)];

  const skipped = report.issues.filter((i) => i.severity === "skipped");
  const anomalies = report.issues.filter((i) => i.severity === "anomaly");
  if (skipped.length > 0) {
    lines.push("", `Éléments ignorés (${skipped.length}) :`, ...skipped.map((i) => `  ${i.file} : ${i.message}`));
  }
  if (anomalies.length > 0) {
    lines.push("", `Anomalies, reprises au mieux (${anomalies.length}) :`, ...anomalies.map((i) => `  ${i.file} : ${i.message}`));
  }
  const ignored = Object.entries(report.ignoredFields).sort(([a], [b]) => a.localeCompare(b));
  if (ignored.length > 0) {
    lines.push("", "Champs non repris par Jalon (nombre de fichiers) :", `  ${ignored.map(([field, n]) => `${field} (${n})`).join(", ")}`);
  }
  lines.push(
    "",
    report.changed
      ? "Import terminé : les changements ci-dessus sont enregistrés."
      : "Aucun changement : la base était déjà à jour avec ce dossier.",
  );
  return lines.join("\n");
}
