// The "Indicateurs d'impact" section of a product page: how its indicators stand, cost per use and
// its change since the last committee, then one figure per indicator, by level of the impact matrix.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { IMPACT_LEVELS } from "~/domain/impact-matrix";
import { IMPACT_LEVEL_DESCRIPTIONS, IMPACT_LEVEL_LABELS } from "~/domain/labels";
import { IndicatorFigure } from "./indicator-chart";
import {
  describeBudgetSource,
  describeCostChange,
  describeCostPerUse,
  describeHealthSummary,
  formatNumber,
} from "./indicator-wording";
import type { ProductIndicators } from "./product-indicators.server";

const CHANGE_BADGES = {
  improving: { severity: "success", text: "En amélioration" },
  worsening: { severity: "error", text: "En dégradation" },
  unchanged: { severity: "info", text: "Stable" },
} as const;

function HealthSummaryBlock({ data }: { data: ProductIndicators }) {
  const { summary } = data;
  const lines = describeHealthSummary(summary);
  return (
    <>
      {!summary.hasImpactIndicator && (
        <Alert
          small
          severity="warning"
          className="fr-mb-3w"
          description="Aucun indicateur d'impact n'est suivi : les indicateurs de moyens (budget, fonctionnalités livrées, comptes créés) ne disent pas si le service change quelque chose pour ses usagers."
        />
      )}
      {summary.indicators === 0 ? (
        <p>Aucun indicateur n'est encore suivi pour ce produit.</p>
      ) : (
        <>
          <p className="fr-mb-1w">
            {`${formatNumber(summary.indicators)} ${summary.indicators > 1 ? "indicateurs suivis" : "indicateur suivi"}${lines.length > 0 ? " :" : "."}`}
          </p>
          {lines.length > 0 && (
            <ul>
              {lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

function CostPerUseBlock({ cost }: { cost: ProductIndicators["costPerUse"] }) {
  const { now, change } = cost;
  const badge = change?.evolution ? CHANGE_BADGES[change.evolution.direction] : null;
  return (
    <section className="fr-mb-4w" aria-labelledby="cout-par-usage">
      <h3 id="cout-par-usage">Coût par usage</h3>
      <p className="fr-mb-1w">
        {now.status === "computed" ? <strong>{describeCostPerUse(now)}</strong> : describeCostPerUse(now)}
      </p>
      {now.status === "computed" && <p className="fr-text--sm fr-mb-1w">{describeBudgetSource(now)}</p>}
      {change && (
        <p className="fr-mb-1w">
          {badge && (
            <Badge as="span" small severity={badge.severity} className="fr-mr-1w">
              {badge.text}
            </Badge>
          )}
          {describeCostChange(change)}
        </p>
      )}
    </section>
  );
}

export function IndicatorPanel({ data }: { data: ProductIndicators }) {
  const groups = IMPACT_LEVELS.map((level) => ({ level, indicators: data.indicators.filter((i) => i.level === level) })).filter(
    (group) => group.indicators.length > 0,
  );
  return (
    <section className="fr-mb-6w" aria-labelledby="indicateurs-impact">
      <h2 id="indicateurs-impact">Indicateurs d'impact</h2>
      <HealthSummaryBlock data={data} />
      <CostPerUseBlock cost={data.costPerUse} />
      {groups.map((group) => (
        <section key={group.level} aria-labelledby={`niveau-${group.level}`}>
          <h3 id={`niveau-${group.level}`}>{IMPACT_LEVEL_LABELS[group.level]}</h3>
          <p className="fr-text--sm">{IMPACT_LEVEL_DESCRIPTIONS[group.level]}</p>
          {group.indicators.map((indicator) => (
            <IndicatorFigure key={indicator.id} indicator={indicator} markers={data.markers} />
          ))}
        </section>
      ))}
    </section>
  );
}
