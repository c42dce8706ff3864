// The "Budget" section of the product's funding page: what each year counts (actual, else forecast),
// the entries due (January and June), the links to enter or import a statement, and every revision.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Link } from "@remix-run/react";
import { BUDGET_NATURE_LABELS, statementName } from "~/domain/budget-statements";
import { formatEuros } from "~/domain/money";
import { formatDateTime } from "~/ui/dates";
import type { BudgetSummary } from "./budget-statements.server";
import { budgetEntryPath, budgetImportPath } from "./budget-ui";

const ORIGIN_LABELS: Record<string, string> = { form: "Saisie", csv: "Import CSV", seed: "Démonstration", migration: "Reprise" };

export function BudgetSection({ slug, summary, mayEdit }: { slug: string; summary: BudgetSummary; mayEdit: boolean }) {
  const { years, due, history } = summary;
  return (
    <section aria-labelledby="budget" className="fr-mb-6w">
      <h2 id="budget">Budget</h2>
      <p>
        Montants engagés (AE) et payés (CP) par année : le réalisé d'une année close, sinon le dernier prévisionnel.{" "}
        <Link to={`/produits/${slug}/budget`}>Page du budget</Link> (publique si le produit l'est).
      </p>
      {mayEdit && due.length > 0 && (
        <Alert
          className="fr-mb-3w"
          severity="info"
          small
          description={
            <ul className="fr-mb-0">
              {due.map((d) => (
                <li key={`${d.year}-${d.nature}`}>
                  <Link to={`${budgetEntryPath(slug)}?annee=${d.year}&nature=${d.nature}`}>{statementName(d)}</Link> : {d.reason}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {mayEdit && (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-mb-3w">
          <li>
            <Button priority="secondary" iconId="fr-icon-edit-line" linkProps={{ to: budgetEntryPath(slug) }}>
              Saisir le budget
            </Button>
          </li>
          <li>
            <Button priority="tertiary" iconId="fr-icon-upload-line" linkProps={{ to: budgetImportPath(slug) }}>
              Importer un fichier CSV
            </Button>
          </li>
        </ul>
      )}
      {years.length === 0 ? (
        <p>Aucun budget n'est encore saisi.</p>
      ) : (
        <Table
          caption="Budget par année"
          headers={["Année", "Nature", "AE (engagé)", "CP (payé)"]}
          data={years.map((y) => [y.year, BUDGET_NATURE_LABELS[y.nature], formatEuros(y.committed), formatEuros(y.paid)])}
        />
      )}
      {history.length > 0 && (
        <details className="fr-mt-3w">
          <summary>{`Historique des saisies (${history.length})`}</summary>
          <Table
            caption="Révisions des budgets"
            headers={["Budget", "Révision", "Saisie", "AE", "CP", "Statut"]}
            data={history.map((r) => [
              statementName(r),
              r.revision,
              `${formatDateTime(new Date(r.enteredAt))}${r.enteredBy ? `, ${r.enteredBy}` : ""} (${ORIGIN_LABELS[r.origin] ?? r.origin})${r.comment ? ` : ${r.comment}` : ""}`,
              formatEuros(r.committed),
              formatEuros(r.paid),
              r.supersededAt ? `Remplacée le ${formatDateTime(new Date(r.supersededAt))}` : "En vigueur",
            ])}
          />
        </details>
      )}
    </section>
  );
}
