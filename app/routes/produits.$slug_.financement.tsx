import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { takeFlash } from "~/admin/flash.server";
import { FlashMessage } from "~/admin/form-ui";
import { can } from "~/auth/permissions";
import { day } from "~/domain/days";
import { formatShare } from "~/domain/funding";
import { ENVELOPE_STATUS_LABELS, FUNDING_ORIGIN_LABELS } from "~/domain/labels";
import { formatEuros } from "~/domain/money";
import { loadBudgetSummary } from "~/funding/budget-statements.server";
import { BudgetSection } from "~/funding/budget-summary";
import { loadEnvelopes, type EnvelopesSection } from "~/funding/envelopes.server";
import { RunwaySummary } from "~/funding/runway-summary";
import { ProductSubpageHeader } from "~/products/product-subpage";
import { requireProductPermission } from "~/products/product-access.server";
import { formatDay } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

// Each section of the page loads on its own: the envelopes and runway here, the budget statements in
// app/funding/budget-statements.server.ts.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, product, scope } = await requireProductPermission(request, slug, "funding.read");
  const { flash, headers } = await takeFlash(request);
  const [envelopes, budget] = await Promise.all([loadEnvelopes(product.id), loadBudgetSummary(product.id)]);
  return data({ product, flash, mayEdit: can(viewer, "funding.edit", scope), envelopes, budget }, { headers });
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Financement de ${data.product.name}` : "Financement");

const period = (e: { startDate: string; endDate: string }) => `du ${formatDay(day(e.startDate))} au ${formatDay(day(e.endDate))}`;

function EnvelopesTable({ slug, section, mayEdit }: { slug: string; section: EnvelopesSection; mayEdit: boolean }) {
  if (section.envelopes.length === 0) return <p>Aucune enveloppe n'est enregistrée.</p>;
  return (
    <Table
      caption="Enveloppes de financement, les plus récentes d'abord"
      headers={["Financeur", "Montant", "Période", "Origine", "Statut", "Décision", ...(mayEdit ? ["Action"] : [])]}
      data={section.envelopes.map((e) => [
        e.funder,
        formatEuros(e.cents),
        period(e),
        FUNDING_ORIGIN_LABELS[e.origin],
        ENVELOPE_STATUS_LABELS[e.status],
        e.decision ? (
          e.decision.session ? (
            <Link to={`/comites/${e.decision.session.id}`}>{`${e.decision.session.title} (${formatDay(day(e.decision.decidedOn))})`}</Link>
          ) : (
            `Décision du ${formatDay(day(e.decision.decidedOn))}`
          )
        ) : (
          "—"
        ),
        ...(mayEdit
          ? [
              <Link key="edit" to={`/produits/${slug}/financement/enveloppes/${e.id}`}>
                Modifier<span className="fr-sr-only">{` l'enveloppe de ${e.funder} ${period(e)}`}</span>
              </Link>,
            ]
          : []),
      ])}
    />
  );
}

function SharesTable({ section }: { section: EnvelopesSection }) {
  if (section.shares.length === 0) return null;
  return (
    <Table
      caption="Part de chaque financeur dans les enveloppes accordées"
      headers={["Financeur", "Accordé", "Part"]}
      data={[
        ...section.shares.map((s) => [s.funder, formatEuros(s.cents), formatShare(s.basisPoints)]),
        ["Total", formatEuros(section.totals.granted), formatShare(10_000)],
      ]}
    />
  );
}

export default function ProductFunding() {
  const { product, flash, mayEdit, envelopes, budget } = useLoaderData<typeof loader>();
  const { totals } = envelopes;
  return (
    <>
      <ProductSubpageHeader product={product} title="Financement" />
      <FlashMessage message={flash} />
      <p>
        Les montants de cette page sont internes : ils sont lus par l'incubateur, l'équipe et les financeurs du produit.
        La <Link to={`/produits/${product.slug}/budget`}>page du budget</Link> publie le budget d'un produit public.
      </p>

      <section aria-labelledby="echeance" className="fr-mb-6w">
        <h2 id="echeance">Échéance du financement</h2>
        <RunwaySummary summary={envelopes.runwaySummary} />
      </section>

      <section aria-labelledby="enveloppes" className="fr-mb-6w">
        <h2 id="enveloppes">Enveloppes</h2>
        <p>
          {`Accordé : ${formatEuros(totals.granted)}, dont ${formatEuros(totals.fast)} de cofinancement FAST. Demandé : ${formatEuros(totals.requested)}.`}
        </p>
        {mayEdit && (
          <Button className="fr-mb-3w" iconId="fr-icon-add-line" priority="secondary" linkProps={{ to: `/produits/${product.slug}/financement/enveloppes/nouvelle` }}>
            Ajouter une enveloppe
          </Button>
        )}
        <EnvelopesTable slug={product.slug} section={envelopes} mayEdit={mayEdit} />
        <SharesTable section={envelopes} />
      </section>

      {/* The budget statements' section (AE and CP by activity and resource, revisions). */}
      <BudgetSection slug={product.slug} summary={budget} mayEdit={mayEdit} />
    </>
  );
}
