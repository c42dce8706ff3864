// A dossier's content laid out as the committee reads it: sections in the doctrine's order, each made
// of headings, the team's texts, facts, tables and notes. Pure and written once, so that the web page,
// the printable page and the PDF say exactly the same thing.
import { BUDGET_NATURE_LABELS } from "~/domain/budget-statements";
import { CONDITION_STATUS_LABELS, OUTCOME_LABELS } from "~/domain/committee-labels";
import { day } from "~/domain/days";
import {
  DIRECTION_LABELS,
  DURATION_STATUS_LABELS,
  ENVELOPE_STATUS_LABELS,
  FUNDING_ORIGIN_LABELS,
  IMPACT_LEVEL_LABELS,
  INDICATOR_KIND_LABELS,
  PHASE_LABELS,
  VALUE_STATUS_LABELS,
  typicalDurationLabel,
} from "~/domain/labels";
import { formatShare } from "~/domain/funding";
import { formatEuros as formatExactEuros } from "~/domain/money";
import { isPhase } from "~/domain/phases";
import type { DossierStatus, Frequency } from "~/generated/prisma/enums";
import { ATTAINMENT_LABELS, formatEuros, formatMeasure, formatPeriod } from "~/indicators/indicator-wording";
import { formatDateTime, formatDay, formatDuration } from "~/ui/dates";
import { webUrl } from "~/ui/web-url";
import type { DossierContent, DossierFunding, DossierIndicator, LegacyDossierFunding } from "./dossier-content";
import { SECTION_LABELS } from "./dossier-sections";
import { FUNDING_COLUMN_LABELS } from "./dossier-wording";

/** `widths`: relative widths of the columns on paper. */
export interface TableBlock {
  kind: "table";
  caption: string;
  headers: string[];
  rows: string[][];
  numeric: boolean[];
  widths: number[];
}

/** What an indicator's chart draws: the same values as the table beside it. */
export interface OutlineChart {
  frequency: Frequency;
  unit: string;
  series: DossierIndicator["series"];
  baseline: DossierIndicator["baseline"];
  targets: DossierIndicator["targets"];
  markers: DossierContent["markers"];
}

export type OutlineBlock =
  /** Written by the team: paragraphs separated by blank lines, line breaks kept. */
  | { kind: "text"; text: string }
  /** A sentence of Jalon's own: a summary, or what is missing. */
  | { kind: "note"; text: string }
  | { kind: "subheading"; text: string }
  | { kind: "facts"; items: { label: string; value: string }[] }
  | TableBlock
  | { kind: "link"; label: string; href: string }
  /** Two texts to read side by side: what was promised, what was delivered. */
  | { kind: "comparison"; items: [{ title: string; text: string }, { title: string; text: string }] }
  /** An indicator: its title, facts and summary, a chart where there is a screen, and its tables. */
  | {
      kind: "figure";
      title: string;
      facts: { label: string; value: string }[];
      summary: string;
      chart: OutlineChart | null;
      tables: TableBlock[];
    };

export interface OutlineSection {
  id: string;
  title: string;
  blocks: OutlineBlock[];
}

export interface DossierOutline {
  title: string;
  subtitle: string;
  sections: OutlineSection[];
}

/** Which version is shown, and whether it is frozen. */
export interface VersionMeta {
  version: number;
  status: DossierStatus;
  submittedAt: Date | null;
  submittedBy: string | null;
}

/** The most recent values shown in a series' table (the snapshot keeps them all). */
export const SERIES_ROWS = 12;

const NOT_WRITTEN = "Non renseigné.";
const onDay = (iso: string) => formatDay(day(iso));

/** The team's text, or a note that the section is empty. */
const written = (text: string): OutlineBlock => (text.trim() === "" ? { kind: "note", text: NOT_WRITTEN } : { kind: "text", text });

/** "Version 2 déposée le 4 mars 2025 à 9 h 12 par Camille Martin." or what a draft is. */
export function versionLine(meta: VersionMeta, content: Pick<DossierContent, "builtAt">): string {
  if (meta.status === "submitted" && meta.submittedAt) {
    return `Version ${meta.version} déposée le ${formatDateTime(meta.submittedAt)}${meta.submittedBy ? ` par ${meta.submittedBy}` : ""}. Son contenu est figé : c'est celui que lit le comité.`;
  }
  return `Brouillon de la version ${meta.version}, non déposé : les données du produit sont celles du ${formatDateTime(new Date(content.builtAt))} et seront figées au dépôt.`;
}

function productSection(content: DossierContent): OutlineSection {
  const { product, phase } = content;
  const facts = [
    { label: "Incubateur", value: product.primaryIncubator },
    ...(product.coIncubators.length > 0 ? [{ label: "Co-incubation", value: product.coIncubators.join(", ") }] : []),
    { label: "Sponsors", value: product.sponsors.length > 0 ? product.sponsors.join(", ") : "aucun sponsor enregistré" },
  ];
  if (phase) {
    const builtAt = new Date(content.builtAt);
    const typical = typicalDurationLabel(phase.phase);
    const duration =
      phase.durationStatus === "open-ended" || !typical
        ? formatDuration(day(phase.since), builtAt)
        : `${formatDuration(day(phase.since), builtAt)}, ${DURATION_STATUS_LABELS[phase.durationStatus]} (${typical})`;
    facts.push({ label: "Phase actuelle", value: `${PHASE_LABELS[phase.phase]} depuis le ${onDay(phase.since)}` });
    facts.push({ label: "Temps passé dans la phase", value: duration });
  } else {
    facts.push({ label: "Phase actuelle", value: "aucune phase enregistrée" });
  }
  const demo = webUrl(content.sections.demoUrl);
  return {
    id: "produit",
    title: "Le produit",
    blocks: [
      { kind: "text", text: product.pitch },
      { kind: "facts", items: facts },
      demo ? { kind: "link", label: SECTION_LABELS.demoUrl, href: demo } : { kind: "note", text: "Aucun lien de démonstration." },
    ],
  };
}

function decisionSection(content: DossierContent): OutlineSection {
  const decision = content.previousDecision;
  const title = "Décision du comité précédent";
  if (!decision) {
    return { id: "decision-precedente", title, blocks: [{ kind: "note", text: "Premier comité : aucune décision antérieure n'est enregistrée." }] };
  }
  const target = decision.targetPhase && isPhase(decision.targetPhase) ? ` : ${PHASE_LABELS[decision.targetPhase]}` : "";
  const facts = [
    { label: "Date", value: onDay(decision.decidedOn) },
    ...(decision.sessionTitle ? [{ label: "Séance", value: decision.sessionTitle }] : []),
    { label: "Décision", value: `${OUTCOME_LABELS[decision.outcome]}${target}` },
    ...(decision.budgetEuros !== null
      ? [{ label: "Budget accordé", value: `${formatEuros(decision.budgetEuros)}${decision.budgetFunder ? ` (${decision.budgetFunder})` : ""}` }]
      : []),
    ...(decision.nextReviewDate ? [{ label: "Prochaine revue prévue", value: onDay(decision.nextReviewDate) }] : []),
  ];
  const blocks: OutlineBlock[] = [{ kind: "facts", items: facts }];
  if (decision.rationale.trim() !== "") blocks.push({ kind: "subheading", text: "Motivation" }, { kind: "text", text: decision.rationale });
  blocks.push({ kind: "subheading", text: "Conditions" });
  if (decision.conditions.length === 0) {
    blocks.push({ kind: "note", text: "Cette décision n'était assortie d'aucune condition." });
  } else {
    const met = decision.conditions.filter((c) => c.status === "met").length;
    blocks.push(
      { kind: "note", text: `${met} condition${met > 1 ? "s" : ""} remplie${met > 1 ? "s" : ""} sur ${decision.conditions.length}.` },
      {
        kind: "table",
        caption: "Conditions de la décision précédente",
        headers: ["Condition", "Responsable", "Échéance", "Statut"],
        numeric: [false, false, false, false],
        widths: [3, 1.5, 1.2, 1.5],
        rows: decision.conditions.map((c) => [
          c.description,
          c.ownerName ?? "—",
          c.dueDate ? onDay(c.dueDate) : "—",
          c.status !== "open" && c.resolvedAt
            ? `${CONDITION_STATUS_LABELS[c.status]} (le ${formatDay(new Date(c.resolvedAt))})`
            : CONDITION_STATUS_LABELS[c.status],
        ]),
      },
    );
  }
  return { id: "decision-precedente", title, blocks };
}

function resultsSection(content: DossierContent): OutlineSection {
  const objectives = content.previousObjectives;
  const results = { title: SECTION_LABELS.results, text: content.sections.results.trim() === "" ? NOT_WRITTEN : content.sections.results };
  return {
    id: "objectifs-et-resultats",
    title: "Objectifs et résultats",
    blocks: objectives
      ? [
          {
            kind: "comparison",
            items: [
              {
                title: `Critères de réussite acceptés au comité du ${formatDay(new Date(objectives.sessionStartsAt))}`,
                text: objectives.successCriteria.trim() === "" ? NOT_WRITTEN : objectives.successCriteria,
              },
              results,
            ],
          },
        ]
      : [
          { kind: "note", text: "Premier comité : aucun objectif n'a été fixé par un comité précédent." },
          { kind: "subheading", text: results.title },
          written(content.sections.results),
        ],
  };
}

function indicatorFigure(indicator: DossierIndicator, markers: DossierContent["markers"]): OutlineBlock {
  const tables: TableBlock[] = [];
  if (indicator.targets.length > 0) {
    tables.push({
      kind: "table",
      caption: `Cibles de l'indicateur « ${indicator.name} »`,
      headers: ["Échéance", "Cible"],
      numeric: [false, true],
      widths: [1, 1],
      rows: indicator.targets.map((t) => [onDay(t.dueDate), formatMeasure(t.value, indicator.unit)]),
    });
  }
  // The chart draws what the table lists: the most recent values.
  const shown = indicator.series.slice(-SERIES_ROWS);
  if (shown.length > 0) {
    const more = indicator.series.length > shown.length ? ` (les ${shown.length} dernières sur ${indicator.series.length})` : "";
    tables.push({
      kind: "table",
      caption: `Valeurs de l'indicateur « ${indicator.name} »${more}`,
      headers: ["Période", "Valeur", "Statut"],
      numeric: [false, true, false],
      widths: [1.5, 1, 1.2],
      rows: shown.map((v) => [
        formatPeriod(day(v.periodStart), indicator.frequency),
        formatMeasure(v.value, indicator.unit),
        VALUE_STATUS_LABELS[v.status],
      ]),
    });
  }
  return {
    kind: "figure",
    title: indicator.name,
    facts: [
      { label: "Niveau", value: IMPACT_LEVEL_LABELS[indicator.level] },
      { label: "Nature", value: INDICATOR_KIND_LABELS[indicator.kind] },
      { label: "Sens souhaité", value: DIRECTION_LABELS[indicator.direction] },
      { label: "Cible", value: ATTAINMENT_LABELS[indicator.attainment] },
      ...(indicator.baseline
        ? [
            {
              label: "Point de départ",
              value: `${formatMeasure(indicator.baseline.value, indicator.unit)}${indicator.baseline.date ? ` (${onDay(indicator.baseline.date)})` : ""}`,
            },
          ]
        : []),
    ],
    summary: indicator.summary,
    chart:
      shown.length === 0
        ? null
        : { frequency: indicator.frequency, unit: indicator.unit, series: shown, baseline: indicator.baseline, targets: indicator.targets, markers },
    tables,
  };
}

function healthNote(health: DossierContent["health"]): string {
  if (health.indicators === 0) return "Le produit ne suit encore aucun indicateur.";
  const parts = [
    `${health.indicators} indicateur${health.indicators > 1 ? "s" : ""} suivi${health.indicators > 1 ? "s" : ""}`,
    `${health.onTrack} en bonne voie ou atteint${health.onTrack > 1 ? "s" : ""}`,
    `${health.offTrack} en retard ou manqué${health.offTrack > 1 ? "s" : ""}`,
    `${health.noTarget} sans cible`,
  ];
  if (health.notMeasured > 0) parts.push(`${health.notMeasured} sans valeur pour juger sa cible`);
  let note = `${parts.join(", ")}.`;
  if (health.overdue > 0) note += ` ${health.overdue} valeur${health.overdue > 1 ? "s" : ""} attendue${health.overdue > 1 ? "s" : ""} non saisie${health.overdue > 1 ? "s" : ""}.`;
  if (!health.hasImpactIndicator) note += " Aucun indicateur d'impact : les indicateurs suivis mesurent des moyens, pas des effets pour les usagers.";
  return note;
}

/** Dossiers frozen before envelopes and budget statements: one row per year and funder. */
function legacyFundingBlocks({ rows, totals }: LegacyDossierFunding): OutlineBlock[] {
  const amounts = (row: typeof totals) => [row.granted, row.committed, row.paid, row.requested].map(formatEuros);
  if (rows.length === 0) return [{ kind: "note", text: "Aucune ligne de financement n'est enregistrée." }];
  return [
    {
      kind: "table",
      caption: "Financement par année et par financeur",
      headers: ["Année", "Financeur", ...Object.values(FUNDING_COLUMN_LABELS)],
      numeric: [false, false, true, true, true, true],
      widths: [0.7, 2, 1, 1, 1, 1],
      rows: [...rows.map((row) => [String(row.year), row.funder, ...amounts(row)]), ["Total", "", ...amounts(totals)]],
    },
  ];
}

function fundingBlocks(funding: DossierFunding): OutlineBlock[] {
  // To the cent: these are accounts, not orders of magnitude.
  const euros = (amount: number) => formatExactEuros(Math.round(amount * 100));
  const blocks: OutlineBlock[] = [];
  if (funding.envelopes.length === 0) {
    blocks.push({ kind: "note", text: "Aucune enveloppe de financement n'est enregistrée." });
  } else {
    const period = (e: DossierFunding["envelopes"][number]) =>
      `du ${formatDay(day(e.startDate))} au ${formatDay(day(e.endDate))}`;
    blocks.push({
      kind: "table",
      caption: "Enveloppes de financement",
      headers: ["Financeur", "Origine", "Période", "Statut", "Montant"],
      numeric: [false, false, false, false, true],
      widths: [1.6, 1.2, 1.8, 1, 1],
      rows: funding.envelopes.map((e) => [
        e.funder,
        FUNDING_ORIGIN_LABELS[e.origin],
        period(e),
        ENVELOPE_STATUS_LABELS[e.status] + (e.fromDecision ? " (décision de comité)" : ""),
        euros(e.amount),
      ]),
    });
    if (funding.shares.length > 0) {
      blocks.push({
        kind: "table",
        caption: "Part de chaque financeur dans les enveloppes accordées",
        headers: ["Financeur", "Accordé", "Part"],
        numeric: [false, true, true],
        widths: [2, 1, 0.8],
        rows: [
          ...funding.shares.map((s) => [s.funder, euros(s.granted), formatShare(s.share)]),
          ["Total", euros(funding.totals.granted), formatShare(10_000)],
        ],
      });
    }
  }
  blocks.push(
    funding.budget.length === 0
      ? { kind: "note", text: "Aucun budget (AE et CP) n'est déclaré." }
      : {
          kind: "table",
          caption: "Budget par année : engagements (AE) et paiements (CP)",
          headers: ["Année", "Nature", FUNDING_COLUMN_LABELS.committed, FUNDING_COLUMN_LABELS.paid],
          numeric: [false, false, true, true],
          widths: [0.7, 1, 1, 1],
          rows: funding.budget.map((b) => [
            String(b.year),
            BUDGET_NATURE_LABELS[b.nature],
            euros(b.committed),
            euros(b.paid),
          ]),
        },
  );
  return blocks;
}

function fundingSection(content: DossierContent): OutlineSection {
  const { funding } = content;
  return {
    id: "financement",
    title: "Financement",
    blocks: "envelopes" in funding ? fundingBlocks(funding) : legacyFundingBlocks(funding),
  };
}

function askSection(content: DossierContent): OutlineSection {
  const { sections } = content;
  return {
    id: "demande",
    title: "La demande",
    blocks: [
      {
        kind: "facts",
        items: [
          { label: SECTION_LABELS.askTeam, value: sections.askTeam.trim() === "" ? "non renseignée" : sections.askTeam },
          {
            label: "Enveloppe budgétaire pour six mois",
            value: sections.askBudgetEuros === null ? "non renseignée" : formatEuros(sections.askBudgetEuros),
          },
        ],
      },
      { kind: "subheading", text: SECTION_LABELS.askHypotheses },
      written(sections.askHypotheses),
      { kind: "subheading", text: SECTION_LABELS.askSuccessCriteria },
      written(sections.askSuccessCriteria),
    ],
  };
}

const teamSection = (id: string, field: "problem" | "pastStrategy" | "learnings" | "nextStrategy" | "blockers") =>
  (content: DossierContent): OutlineSection => ({ id, title: SECTION_LABELS[field], blocks: [written(content.sections[field])] });

export function dossierOutline(content: DossierContent): DossierOutline {
  const sections: ((content: DossierContent) => OutlineSection)[] = [
    productSection,
    teamSection("probleme", "problem"),
    decisionSection,
    teamSection("strategie-passee", "pastStrategy"),
    resultsSection,
    teamSection("apprentissages", "learnings"),
    (c) => ({
      id: "indicateurs",
      title: "Indicateurs d'impact",
      blocks: [{ kind: "note", text: healthNote(c.health) }, ...c.indicators.map((i) => indicatorFigure(i, c.markers))],
    }),
    (c) => ({
      id: "cout-par-usage",
      title: "Coût par usage",
      blocks: [
        { kind: "note", text: c.costPerUse.description },
        ...(c.costPerUse.budgetSource ? [{ kind: "note" as const, text: c.costPerUse.budgetSource }] : []),
        {
          kind: "note",
          text: c.costPerUse.change?.description ?? "Premier comité : pas d'évolution à mesurer depuis un comité précédent.",
        },
      ],
    }),
    fundingSection,
    (c) => ({
      id: "equipe",
      title: "Équipe actuelle",
      blocks:
        c.team.length === 0
          ? [{ kind: "note", text: "Aucun membre de l'équipe n'est enregistré." }]
          : [
              {
                kind: "table",
                caption: "Membres de l'équipe",
                headers: ["Nom", "Rôle"],
                numeric: [false, false],
                widths: [1.5, 2],
                rows: c.team.map((m) => [m.name, [m.title ?? "non renseigné", m.isIntrapreneur ? "intrapreneur·e" : null].filter(Boolean).join(", ")]),
              },
            ],
    }),
    teamSection("strategie-suivante", "nextStrategy"),
    askSection,
    teamSection("blocages", "blockers"),
  ];
  return {
    title: `Dossier de ${content.product.name}`,
    subtitle: `${content.session.title} — ${content.session.incubator}, le ${formatDateTime(new Date(content.session.startsAt))}`,
    sections: sections.map((section) => section(content)),
  };
}
