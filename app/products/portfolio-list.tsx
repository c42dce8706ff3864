// The portfolio list as pages show it (the network's at `/`, an incubator's on its page): the filter
// form (a plain GET form, usable without JavaScript), the error summary, the table, the pages and the
// CSV export of the same view.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Form, Link, useLocation } from "@remix-run/react";
import { ErrorSummary, fieldId, SelectField, type FormState } from "~/admin/form-ui";
import { PhaseBadge } from "~/components/phase-badge";
import { LIFECYCLE_FILTER_LABELS, MILESTONE_LABELS, PHASE_LABELS, PORTFOLIO_SORT_LABELS, SORT_DIRECTION_LABELS } from "~/domain/labels";
import { PHASES } from "~/domain/phases";
import { formatDay } from "~/ui/dates";
import {
  ALERT_VALUE,
  FUNDING_DUE_VALUE,
  DEFAULT_DIRECTIONS,
  LIFECYCLE_FILTERS,
  MILESTONES,
  PORTFOLIO_SORTS,
  portfolioSearch,
  SEARCH_MAX_LENGTH,
  type PortfolioFilterErrors,
  type PortfolioSort,
} from "./portfolio-filters";
import type { PortfolioRow, PortfolioView } from "./portfolio.server";
import { plural } from "~/ui/plural";

const FIELD_LABELS: Record<string, string> = {
  recherche: "Recherche",
  phase: "Phase actuelle",
  statut: "Statut",
  incubateur: "Incubateur",
  ministere: "Ministère",
  sponsor: "Sponsor",
  alertes: "Alertes",
  tri: "Trier par",
  ordre: "Ordre",
  entree: "Étape franchie",
  annee: "Année de l'étape",
};

/** The alert boxes share one fieldset: their errors are shown (and linked to) as one field. */
function summaryErrors(errors: PortfolioFilterErrors) {
  const { revue = [], indicateurs = [], financement = [], ...others } = errors;
  const alertes = [...revue, ...indicateurs, ...financement];
  return alertes.length > 0 ? { ...others, alertes } : others;
}

/** A select without an empty choice (the sort always has one), its options in `labels`' order. */
function ChoiceSelect({
  name,
  label,
  labels,
  value,
  state,
  stateRelatedMessage,
}: {
  name: string;
  label: string;
  labels: Record<string, string>;
  value: string;
  state?: "error";
  stateRelatedMessage?: string;
}) {
  return (
    <Select label={label} state={state} stateRelatedMessage={stateRelatedMessage} nativeSelectProps={{ id: fieldId(name), name, defaultValue: value }}>
      {Object.entries(labels).map(([choice, text]) => (
        <option key={choice} value={choice}>
          {text}
        </option>
      ))}
    </Select>
  );
}

/**
 * The milestone filter the dashboards link with (`entree`, `annee`): no field of its own, it is said
 * in words, kept by hidden inputs when the form is sent again, and can be removed.
 */
function MilestoneFilter({ values }: { values: PortfolioView["values"] }) {
  if (values.entree.length === 0 && values.annee === "") return null;
  const known = values.entree.filter((m): m is (typeof MILESTONES)[number] => (MILESTONES as readonly string[]).includes(m));
  const what = known.map((m) => MILESTONE_LABELS[m]).join(" ou ") || "étape inconnue";
  return (
    <p id={fieldId("entree")} className="fr-mb-3w">
      {`Produits ayant franchi l'étape : ${what}${values.annee ? ` en ${values.annee}` : ""}. `}
      <Link to={portfolioSearch(values, { entree: [], annee: "", page: "" })}>Retirer ce filtre</Link>
      {values.entree.map((m) => (
        <input key={m} type="hidden" name="entree" value={m} />
      ))}
      {values.annee && <input type="hidden" name="annee" value={values.annee} />}
    </p>
  );
}

function FilterForm({ view }: { view: PortfolioView }) {
  const { values, fixed, options } = view;
  const errors = summaryErrors(view.errors);
  const form: FormState = { values: { ...values, phase: "", entree: "" }, errors };
  const sort = (PORTFOLIO_SORTS as readonly string[]).includes(values.tri) ? (values.tri as PortfolioSort) : "nom";
  const errorState = (name: string) =>
    errors[name as keyof typeof errors]
      ? { state: "error" as const, stateRelatedMessage: errors[name as keyof typeof errors]?.join(" ") }
      : {};

  return (
    <Form method="get" className="fr-mb-4w" aria-label="Filtrer les produits">
      <Input
        label="Rechercher un produit"
        hintText="Dans le nom et le pitch ; les accents et les majuscules sont ignorés."
        {...errorState("recherche")}
        nativeInputProps={{
          id: fieldId("recherche"),
          name: "recherche",
          type: "search",
          maxLength: SEARCH_MAX_LENGTH,
          defaultValue: values.recherche,
        }}
      />
      <Checkbox
        id={fieldId("phase")}
        legend="Phase actuelle"
        hintText="Aucune case cochée : toutes les phases."
        orientation="horizontal"
        small
        {...errorState("phase")}
        options={PHASES.map((phase) => ({
          label: PHASE_LABELS[phase],
          nativeInputProps: { name: "phase", value: phase, defaultChecked: values.phase.includes(phase) },
        }))}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3">
          <SelectField
            form={form}
            name="statut"
            label="Statut"
            emptyLabel="Actifs et terminés"
            options={LIFECYCLE_FILTERS.map((value) => ({ value, label: LIFECYCLE_FILTER_LABELS[value] }))}
          />
        </div>
        {fixed.incubateur === undefined && (
          <>
            <div className="fr-col-12 fr-col-md-3">
              <SelectField
                form={form}
                name="incubateur"
                label="Incubateur"
                emptyLabel="Tous les incubateurs"
                options={options.incubators.map((i) => ({ value: i.slug, label: i.name }))}
              />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <SelectField
                form={form}
                name="ministere"
                label="Ministère"
                hint="Celui de l'incubateur principal ou d'un co-incubateur."
                emptyLabel="Tous les ministères"
                options={options.ministries.map((m) => ({ value: m.slug, label: m.name }))}
              />
            </div>
          </>
        )}
        <div className="fr-col-12 fr-col-md-3">
          <SelectField
            form={form}
            name="sponsor"
            label="Sponsor"
            emptyLabel="Tous les sponsors"
            options={options.sponsors.map((o) => ({ value: o.slug, label: o.acronym ? `${o.name} (${o.acronym})` : o.name }))}
          />
        </div>
      </div>
      <Checkbox
        id={fieldId("alertes")}
        legend="Alertes"
        orientation="horizontal"
        {...errorState("alertes")}
        options={[
          {
            label: "Revue en retard",
            hintText: "Date de revue dépassée, ou aucune décision depuis plus de six mois.",
            nativeInputProps: { name: "revue", value: ALERT_VALUE, defaultChecked: values.revue === ALERT_VALUE },
          },
          {
            label: "Indicateurs en retard",
            hintText: `Aucune valeur saisie depuis ${plural(view.staleAfterDays, "jour", "jours")}, ou aucun indicateur.`,
            nativeInputProps: { name: "indicateurs", value: ALERT_VALUE, defaultChecked: values.indicateurs === ALERT_VALUE },
          },
          {
            label: "Financement à échéance",
            hintText: "Budget épuisé dans moins de 45 jours, sans comité prévu avant (produits dont vous lisez le financement).",
            nativeInputProps: { name: "financement", value: FUNDING_DUE_VALUE, defaultChecked: values.financement === FUNDING_DUE_VALUE },
          },
        ]}
      />
      <MilestoneFilter values={values} />
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-4">
          <ChoiceSelect name="tri" label="Trier par" labels={PORTFOLIO_SORT_LABELS} value={sort} {...errorState("tri")} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <ChoiceSelect
            name="ordre"
            label="Ordre"
            labels={SORT_DIRECTION_LABELS}
            value={values.ordre || DEFAULT_DIRECTIONS[sort]}
            {...errorState("ordre")}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-mb-3w">
          <Button type="submit">Filtrer</Button>
        </div>
      </div>
    </Form>
  );
}

function productCells(row: PortfolioRow) {
  return [
    <div key="name">
      <Link to={`/produits/${row.slug}`}>{row.name}</Link>
      <p className="fr-text--sm fr-mb-0">{row.pitch}</p>
    </div>,
    <PhaseBadge key="phase" phase={row.phase} />,
    <Link key="incubator" to={`/incubateurs/${row.incubator.slug}`}>
      {row.incubator.name}
    </Link>,
    row.sponsors.length === 0
      ? "Aucun"
      : row.sponsors.map((sponsor, i) => (
          <span key={sponsor.slug}>
            {i > 0 && ", "}
            {sponsor.acronym ? <abbr title={sponsor.name}>{sponsor.acronym}</abbr> : sponsor.name}
          </span>
        )),
    <div key="update">
      {formatDay(row.lastUpdate)}
      {row.staleDays !== null && (
        <Badge as="p" small severity="warning" className="fr-mt-1v">
          {`Non mis à jour depuis ${plural(row.staleDays, "jour", "jours")}`}
        </Badge>
      )}
    </div>,
    <div key="review">
      {row.nextReview ? formatDay(row.nextReview) : "Non connue"}
      {row.reviewOverdue && (
        <Badge as="p" small severity="error" className="fr-mt-1v">
          Revue en retard
        </Badge>
      )}
      {row.fundingDue && (
        <Badge as="p" small severity="warning" className="fr-mt-1v">
          Financement à échéance, comité à programmer
        </Badge>
      )}
    </div>,
  ];
}

/** The list of `view`, on the page at `path` (the form and the page links come back to it). */
export function PortfolioList({ view, path, caption }: { view: PortfolioView; path: string; caption: string }) {
  const { search } = useLocation();
  const { values, fixed, total, page, pageCount, products } = view;
  const invalid = Object.keys(view.errors).length > 0;
  const pageLink = (number: number) => ({ to: `${path}${portfolioSearch(values, { page: String(number) })}` });

  return (
    <>
      <ErrorSummary errors={summaryErrors(view.errors)} labels={FIELD_LABELS} title="Ces filtres ne sont pas valides" />
      {/* Keyed by the query so that the fields show the filters after each navigation. */}
      <FilterForm key={search} view={view} />
      {!invalid && (
        <>
          <div className="fr-grid-row fr-grid-row--middle fr-mb-2w">
            <p role="status" className="fr-col fr-mb-0">
              {plural(total, "produit", "produits")}
              {pageCount > 1 && page <= pageCount && ` · page ${page} sur ${pageCount}`}
            </p>
            <a
              className="fr-link fr-icon-download-line fr-link--icon-left"
              href={`/produits.csv${portfolioSearch({ ...values, ...fixed }, { page: "" })}`}
              download
            >
              Télécharger la vue (CSV)
            </a>
          </div>
          {total === 0 ? (
            <p>Aucun produit ne correspond à ces filtres.</p>
          ) : page > pageCount ? (
            <Alert
              className="fr-mb-4w"
              severity="info"
              title="Cette page est vide"
              description={
                <>
                  {`La page ${page} n'existe pas : cette liste compte ${plural(pageCount, "page", "pages")}. `}
                  <Link to={pageLink(pageCount).to}>Aller à la dernière page</Link>
                </>
              }
            />
          ) : (
            <Table
              caption={caption}
              noCaption
              headers={["Produit", "Phase actuelle", "Incubateur", "Sponsors", "Dernière mise à jour", "Prochaine revue"]}
              data={products.map(productCells)}
            />
          )}
          {pageCount > 1 && <Pagination count={pageCount} defaultPage={Math.min(page, pageCount)} getPageLinkProps={pageLink} />}
        </>
      )}
    </>
  );
}
