// The runway in a few lines, with the 45-day flag said in words (never by colour alone).
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { NEEDS_COMMITTEE_TEXT, NEEDS_COMMITTEE_TITLE, type RunwaySummaryData } from "./runway-wording";

export function RunwaySummary({ summary }: { summary: RunwaySummaryData }) {
  return (
    <div className="fr-mb-3w">
      <p className="fr-mb-1w">{summary.description}</p>
      {summary.nextSession && <p className="fr-text--sm fr-mb-1w">Prochaine séance prévue pour ce produit : {summary.nextSession}.</p>}
      {summary.needsCommittee && <Alert severity="warning" small title={NEEDS_COMMITTEE_TITLE} description={NEEDS_COMMITTEE_TEXT} />}
    </div>
  );
}
