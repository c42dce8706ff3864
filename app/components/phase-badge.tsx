import { fr, type FrClassName } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { Phase } from "~/domain/phases";
import { PHASE_LABELS } from "~/domain/labels";

// DSFR accent colours help scanning a long table; the label always says the phase, so colour is
// never the only cue. Ended phases stay in the neutral grey.
const PHASE_COLOURS: Record<Phase, FrClassName | null> = {
  investigation: "fr-badge--yellow-tournesol",
  construction: "fr-badge--blue-cumulus",
  acceleration: "fr-badge--green-emeraude",
  consolidation: "fr-badge--green-archipel",
  opere: "fr-badge--purple-glycine",
  transfere: "fr-badge--brown-cafe-creme",
  abandon: null,
  "abandon-investigation": null,
};

export function PhaseBadge({ phase }: { phase: Phase | null }) {
  if (!phase) return <Badge as="span" small>Phase non renseignée</Badge>;
  const colour = PHASE_COLOURS[phase];
  return (
    <Badge as="span" small className={colour ? fr.cx(colour) : undefined}>
      {PHASE_LABELS[phase]}
    </Badge>
  );
}
