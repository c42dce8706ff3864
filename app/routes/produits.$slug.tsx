import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PhaseBadge } from "~/components/phase-badge";
import {
  ACCESSIBILITY_STATUS_LABELS,
  DURATION_STATUS_LABELS,
  PHASE_LABELS,
  typicalDurationLabel,
} from "~/domain/labels";
import { isTerminal } from "~/domain/phases";
import { getViewer } from "~/auth/viewer.server";
import { loadProductPage } from "~/products/product-page.server";
import { formatDay, formatDuration } from "~/ui/dates";
import { organisationName } from "~/ui/organisation-name";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const product = await loadProductPage(await getViewer(request), slug);
  if (!product) throw new Response(null, { status: 404, statusText: "Produit introuvable" });
  return { product };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.product.name ?? "Produit");

export default function ProductPage() {
  const { product } = useLoaderData<typeof loader>();
  const links = [
    { label: "Site du service", href: product.links.website },
    { label: "Code source", href: product.links.repository },
    { label: "Statistiques d'impact", href: product.links.stats },
    { label: "Budget", href: product.links.budget },
  ].filter((link) => link.href !== null);
  const current = product.timeline.find((step) => step.current);

  return (
    <>
      <Breadcrumb segments={[{ label: "Portefeuille", linkProps: { to: "/" } }]} currentPageLabel={product.name} />
      <h1 className="fr-mb-2w">{product.name}</h1>
      <p className="fr-mb-2w">
        <PhaseBadge phase={current?.phase ?? null} />
      </p>
      <p className="fr-text--lead">{product.pitch}</p>

      {product.description.trim() !== "" && (
        <section className="fr-mb-6w">
          <h2>Description</h2>
          {/* Plain text for now: paragraphs split on blank lines, single line breaks kept. */}
          {product.description
            .trim()
            .split(/\n\s*\n/)
            .map((paragraph, i) => (
              <p key={i}>
                {paragraph.split("\n").map((line, j) => (
                  <span key={j}>
                    {j > 0 && <br />}
                    {line}
                  </span>
                ))}
              </p>
            ))}
        </section>
      )}

      {links.length > 0 && (
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
          </ul>
        </section>
      )}

      <section className="fr-mb-6w">
        <h2>Parcours</h2>
        {product.timeline.length === 0 ? (
          <p>Aucune phase n'est encore enregistrée pour ce produit.</p>
        ) : (
          <ol>
            {product.timeline.map((step) => {
              const typical = typicalDurationLabel(step.phase);
              const terminal = isTerminal(step.phase);
              return (
                <li key={`${step.phase}-${step.start.toISOString()}`} className="fr-mb-3w">
                  <h3 className="fr-h6 fr-mb-1v">
                    {PHASE_LABELS[step.phase]}
                    {step.current && (
                      <Badge as="span" small severity="info" noIcon className="fr-ml-1w">
                        Phase actuelle
                      </Badge>
                    )}
                  </h3>
                  <p className="fr-mb-1v">
                    {terminal || step.end === null
                      ? `Depuis le ${formatDay(step.start)}${step.end === null ? " (en cours)" : ""}`
                      : `Du ${formatDay(step.start)} au ${formatDay(step.end)}`}
                  </p>
                  {!terminal && (
                    <p className="fr-mb-1v">
                      {step.end === null ? "Temps passé dans cette phase :" : "Durée :"} {formatDuration(step.start, step.until)}
                      {step.current && typical && ` — ${DURATION_STATUS_LABELS[step.durationStatus]} (${typical})`}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </section>

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
