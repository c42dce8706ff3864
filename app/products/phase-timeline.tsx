// A product's phases as a figure: a bar whose segments last as long as the phases did, for the eye,
// and a table of the same dates and durations, for everyone (RGAA: the figure's text alternative).
// Each segment is labelled, so colour is never the only cue.
import { Table } from "@codegouvfr/react-dsfr/Table";
import { differenceInCalendarDays } from "date-fns";
import { DURATION_STATUS_LABELS, PHASE_LABELS, typicalDurationLabel } from "~/domain/labels";
import { isTerminal, type DurationStatus, type Phase, type PhaseSegment } from "~/domain/phases";
import { formatDay, formatDuration } from "~/ui/dates";

export interface TimelineStep extends PhaseSegment {
  /** Where the duration is measured to: the end, or today while the phase goes on. */
  until: Date;
  durationStatus: DurationStatus;
}

// DSFR accent backgrounds, the same families as the phase badges.
const PHASE_BACKGROUNDS: Record<Phase, string> = {
  investigation: "var(--background-contrast-yellow-tournesol)",
  construction: "var(--background-contrast-blue-cumulus)",
  acceleration: "var(--background-contrast-green-emeraude)",
  consolidation: "var(--background-contrast-green-archipel)",
  opere: "var(--background-contrast-purple-glycine)",
  transfere: "var(--background-contrast-brown-cafe-creme)",
  abandon: "var(--background-contrast-grey)",
  "abandon-investigation": "var(--background-contrast-grey)",
};

/** A final phase is a moment, not a span: it gets a narrow segment of its own. */
const MOMENT_SHARE = 0.06;

function shares(steps: readonly TimelineStep[]): number[] {
  const days = steps.map((s) => (isTerminal(s.phase) ? 0 : Math.max(1, differenceInCalendarDays(s.until, s.start))));
  const moments = steps.filter((s) => isTerminal(s.phase)).length;
  const total = days.reduce((a, b) => a + b, 0);
  const spanShare = 1 - moments * MOMENT_SHARE;
  return days.map((d) => (d === 0 ? MOMENT_SHARE : total === 0 ? spanShare / steps.length : (d / total) * spanShare));
}

function durationCell(step: TimelineStep): string {
  if (isTerminal(step.phase)) return "—";
  const typical = typicalDurationLabel(step.phase);
  const duration = formatDuration(step.start, step.until);
  return step.current && typical ? `${duration} (${DURATION_STATUS_LABELS[step.durationStatus]}, habituellement ${typical})` : duration;
}

/** The figure's text summary: where the product started and where it is. */
function summary(steps: readonly TimelineStep[]): string {
  const first = steps[0];
  const current = steps.find((s) => s.current);
  const count = steps.length > 1 ? `${steps.length} phases enregistrées` : "1 phase enregistrée";
  const now = current ? `, en ${PHASE_LABELS[current.phase].toLowerCase()} depuis le ${formatDay(current.start)}` : "";
  return `Entré en ${PHASE_LABELS[first.phase].toLowerCase()} le ${formatDay(first.start)}, ${count}${now}.`;
}

export function PhaseTimeline({ steps, productName }: { steps: readonly TimelineStep[]; productName: string }) {
  if (steps.length === 0) return <p>Aucune phase n'est encore enregistrée pour ce produit.</p>;
  const widths = shares(steps);
  return (
    <figure className="fr-mb-4w" style={{ marginInline: 0 }}>
      <figcaption className="fr-text--bold fr-mb-1w">Parcours de {productName}</figcaption>
      <p className="fr-mb-2w">{summary(steps)}</p>
      <div aria-hidden="true" className="fr-mb-2w" style={{ display: "flex", width: "100%", minHeight: "3rem", gap: "2px" }}>
        {steps.map((step, i) => (
          <div
            key={`${step.phase}-${step.start.toISOString()}`}
            title={`${PHASE_LABELS[step.phase]} : ${formatDay(step.start)}`}
            style={{
              flex: `0 0 calc(${(widths[i] * 100).toFixed(2)}% - 2px)`,
              background: PHASE_BACKGROUNDS[step.phase],
              padding: "0.25rem 0.5rem",
              overflow: "hidden",
              whiteSpace: "nowrap",
              textOverflow: "ellipsis",
              borderBottom: step.current ? "4px solid var(--border-active-blue-france)" : undefined,
            }}
            className="fr-text--xs fr-mb-0"
          >
            {PHASE_LABELS[step.phase]}
          </div>
        ))}
      </div>
      <Table
        caption={`Phases de ${productName}`}
        noCaption
        headers={["Phase", "Début", "Fin", "Durée"]}
        data={steps.map((step) => [
          step.current ? `${PHASE_LABELS[step.phase]} (phase actuelle)` : PHASE_LABELS[step.phase],
          formatDay(step.start),
          step.end === null ? "En cours" : isTerminal(step.phase) ? "—" : formatDay(step.end),
          durationCell(step),
        ])}
      />
    </figure>
  );
}
