import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PhaseBadge } from "~/components/phase-badge";
import { ACCESSIBILITY_STATUS_LABELS, PHASE_LABELS, PRODUCT_EVENT_LABELS } from "~/domain/labels";
import { takeFlash } from "~/admin/flash.server";
import { FlashMessage } from "~/admin/form-ui";
import { getViewer } from "~/auth/viewer.server";
import { loadProductPage } from "~/products/product-page.server";
import { missingProductAnswer } from "~/products/product-slugs.server";
import { ConditionStatusBadge, ReviewBadge } from "~/committees/committee-ui";
import { OUTCOME_LABELS } from "~/domain/committee-labels";
import { dossierPath } from "~/committees/dossier-paths";
import { RunwaySummary } from "~/funding/runway-summary";
import { IndicatorPanel } from "~/indicators/indicator-panel";
import { PhaseTimeline } from "~/products/phase-timeline";
import { formatDateTime, formatDay } from "~/ui/dates";
import { organisationName } from "~/ui/organisation-name";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const viewer = await getViewer(request);
  const product = await loadProductPage(viewer, slug);
  // A former slug leads to the product's current page (301); anything else is a 404.
  if (!product) throw await missingProductAnswer(viewer, slug, (current) => `/produits/${current}`);
  const { flash, headers } = await takeFlash(request);
  return data({ product, flash }, { headers });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.product.name ?? "Produit");

export default function ProductPage() {
  const { product, flash } = useLoaderData<typeof loader>();
  const links = [
    { label: "Site du service", href: product.links.website },
    { label: "Code source", href: product.links.repository },
    { label: "Statistiques d'impact", href: product.links.stats },
    { label: "Budget publié par l'équipe", href: product.links.budget },
  ].filter((link) => link.href !== null);
  const current = product.timeline.find((step) => step.current);

  return (
    <>
      <Breadcrumb segments={[{ label: "Portefeuille", linkProps: { to: "/" } }]} currentPageLabel={product.name} />
      <FlashMessage message={flash} />
      <h1 className="fr-mb-2w">{product.name}</h1>
      <p className="fr-mb-2w">
        <PhaseBadge phase={current?.phase ?? null} />
      </p>
      <p className="fr-text--lead fr-mb-2w">{product.pitch}</p>
      <p className="fr-text--sm fr-mb-3w">Dernière mise à jour le {formatDay(product.updatedAt)}</p>
      {product.mayEdit && (
        <Button
          className="fr-mb-6w"
          priority="secondary"
          iconId="fr-icon-edit-line"
          linkProps={{ to: `/produits/${product.slug}/modifier` }}
        >
          Modifier
        </Button>
      )}

      {product.tools.length > 0 && (
        <nav className="fr-mb-6w" aria-labelledby="pilotage">
          <h2 id="pilotage" className="fr-h6">
            Pilotage du produit
          </h2>
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
            {product.tools.map((tool) => (
              <li key={tool.to}>
                <Link className="fr-btn fr-btn--tertiary" to={tool.to}>
                  {tool.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}

      {(product.review || product.runway || product.conditions.length > 0 || product.decisions.length > 0) && (
        <section className="fr-mb-6w">
          <h2>Comité d'investissement</h2>
          {product.runway && (
            <>
              <h3 className="fr-h6 fr-mb-1w">Financement</h3>
              <RunwaySummary summary={product.runway} />
              <p>
                <Link to={`/produits/${product.slug}/financement`}>Enveloppes et budget du produit</Link>
              </p>
            </>
          )}
          {product.review && (
            <p>
              Prochaine revue en comité : {formatDay(product.review.date)}{" "}
              {(product.review.overdue || product.review.soon) && (
                <ReviewBadge urgency={product.review.overdue ? "overdue" : "soon"} days={product.review.days} />
              )}
            </p>
          )}
          {product.conditions.length > 0 && (
            <Table
              caption="Conditions posées par le comité"
              headers={["Condition", "Responsable", "Échéance", "État"]}
              data={product.conditions.map((c) => [
                c.description,
                c.ownerName ?? "—",
                c.dueDate ? formatDay(c.dueDate) : "—",
                <>
                  <ConditionStatusBadge status={c.status} />
                  {c.due === "overdue" ? " (échéance dépassée)" : ""}
                </>,
              ])}
            />
          )}
          {product.decisions.length > 0 && (
            <>
              <h3>{product.publishedDecisionsOnly ? "Décisions publiées" : "Décisions"}</h3>
              <ul>
                {product.decisions.map((d) => (
                  <li key={d.id} className="fr-mb-2w">
                    <strong>
                      {formatDay(d.decidedOn)} — {OUTCOME_LABELS[d.outcome]}
                      {d.targetPhase ? ` (${PHASE_LABELS[d.targetPhase]})` : ""}
                    </strong>
                    {d.correctsId && " — amendement d'une décision précédente"}
                    {d.session && (
                      <>
                        {" "}
                        — <Link to={`/comites/${d.session.id}`}>{d.session.title}</Link>
                      </>
                    )}
                    {d.publicRationale && <p className="fr-mb-0">{d.publicRationale}</p>}
                    {!d.publishedAt && <p className="fr-text--sm fr-mb-0">Non publiée</p>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {product.nextDossier && (
        <section className="fr-mb-6w">
          <h2>Prochain comité</h2>
          <p>
            {product.nextDossier.title}, le {formatDateTime(product.nextDossier.startsAt)}. Dossier à déposer avant le{" "}
            {formatDateTime(product.nextDossier.deadline)}.
          </p>
          <p>
            {product.nextDossier.latest
              ? `Version ${product.nextDossier.latest.version} : ${product.nextDossier.latest.status === "submitted" ? "déposée" : "brouillon"}`
              : "Aucune version enregistrée."}
          </p>
          <Link className="fr-link" to={dossierPath(product.nextDossier.sessionId, product.slug)}>
            {product.nextDossier.mayWrite ? "Rédiger le dossier" : "Lire le dossier"}
          </Link>
        </section>
      )}

      {product.descriptionHtml !== null && (
        <section className="fr-mb-6w">
          <h2>Description</h2>
          {/* The only HTML inserted as such: made on the server by renderMarkdown (markdown.server.ts),
              which lets no raw HTML and no unsafe link through. */}
          <div dangerouslySetInnerHTML={{ __html: product.descriptionHtml }} />
        </section>
      )}

      <section className="fr-mb-6w">
        <h2>Liens</h2>
        <ul>
          {links.map((link) => (
            <li key={link.label}>
              <a className="fr-link" href={link.href ?? undefined}>
                {link.label}
              </a>
            </li>
          ))}
          <li>
            <Link className="fr-link" to={`/produits/${product.slug}/budget`}>
              Budget du produit
            </Link>
          </li>
          <li>
            <a className="fr-link" href={`/api/public/v1/products/${product.slug}`}>
              Données ouvertes de ce produit (JSON)
            </a>{" "}
            — toutes les données sur la page <Link to="/donnees">Données ouvertes</Link>
          </li>
        </ul>
      </section>

      <section className="fr-mb-6w">
        <h2>Parcours</h2>
        <PhaseTimeline steps={product.timeline} productName={product.name} />
        {product.milestones.length > 0 && (
          <>
            <h3>Jalons</h3>
            <ul>
              {product.milestones.map((m) => (
                <li key={m.id}>
                  {formatDay(m.date)} — {PRODUCT_EVENT_LABELS[m.kind]}
                  {m.comment ? ` : ${m.comment}` : ""}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {product.indicators && <IndicatorPanel data={product.indicators} />}

      <section className="fr-mb-6w">
        <h2>Qualité</h2>
        <ul>
          <li>Accessibilité : {ACCESSIBILITY_STATUS_LABELS[product.quality.accessibilityStatus]}</li>
          <li>Code source ouvert : {product.quality.openSource ? "oui" : "non"}</li>
          <li>Système de design de l'État (DSFR) : {product.quality.usesDsfr ? "utilisé" : "non utilisé"}</li>
          <li>Démarche de sécurité : {product.quality.securityApproach ?? "non renseignée"}</li>
        </ul>
      </section>

      <section className="fr-mb-6w">
        <h2>Incubation et sponsors</h2>
        <ul>
          <li>
            Incubateur principal :{" "}
            <Link to={`/incubateurs/${product.primaryIncubator.slug}`}>{product.primaryIncubator.name}</Link>
          </li>
          {product.coIncubators.length > 0 && (
            <li>
              Co-incubation :{" "}
              {product.coIncubators.map((incubator, i) => (
                <span key={incubator.slug}>
                  {i > 0 && ", "}
                  <Link to={`/incubateurs/${incubator.slug}`}>{incubator.name}</Link>
                </span>
              ))}
            </li>
          )}
          <li>
            Sponsors :{" "}
            {product.sponsors.length === 0
              ? "aucun sponsor enregistré"
              : product.sponsors.map(organisationName).join(", ")}
          </li>
        </ul>
      </section>

      <section>
        <h2>Équipe</h2>
        {product.team.length === 0 ? (
          <p>Aucun membre de l'équipe n'est enregistré.</p>
        ) : (
          <Table
            caption="Membres de l'équipe"
            noCaption
            headers={["Nom", "Rôle"]}
            data={product.team.map((member) => [
              member.name,
              <>
                {member.title ?? "Non renseigné"}
                {member.isIntrapreneur && (
                  <Badge as="span" small severity="info" noIcon className="fr-ml-1w">
                    Intrapreneur·e
                  </Badge>
                )}
              </>,
            ])}
          />
        )}
      </section>
    </>
  );
}
