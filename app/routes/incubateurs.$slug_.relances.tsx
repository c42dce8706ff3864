import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requirePermission } from "~/auth/viewer.server";
import { REVIEW_SOON_DAYS } from "~/domain/committee-calendar";
import { formatPeriod, ofPeriod } from "~/indicators/indicator-wording";
import { findIncubator, listReminderCandidates } from "~/indicators/reminders.server";
import { formatDateTime, formatDay } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const incubator = await findIncubator(slug);
  if (!incubator) throw notFound();
  await requirePermission(request, "incubator.portfolio", { incubatorId: incubator.id });
  const candidates = await listReminderCandidates(incubator.id);
  return {
    incubator: { slug: incubator.slug, name: incubator.name },
    // The page says how many people a reminder reaches, not who they are.
    products: candidates.map(({ recipients, ...candidate }) => ({ ...candidate, recipientCount: recipients.length })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Relances d'indicateurs · ${data.incubator.name}` : "Relances d'indicateurs");

export default function IndicatorRemindersPage() {
  const { incubator, products } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb
        segments={[
          { label: "Incubateurs", linkProps: { to: "/incubateurs" } },
          { label: incubator.name, linkProps: { to: `/incubateurs/${incubator.slug}` } },
        ]}
        currentPageLabel="Relances d'indicateurs"
      />
      <h1>Indicateurs à mettre à jour avant comité</h1>
      <p>
        Les produits actifs de {incubator.name} dont la prochaine revue est dans moins de {REVIEW_SOON_DAYS} jours, ou
        déjà dépassée, et dont au moins un indicateur n'a pas de valeur pour sa dernière période écoulée. Leur équipe
        reçoit une relance par courriel, au plus une fois par jour.
      </p>
      {products.length === 0 ? (
        <p>Aucun produit n'est à relancer : les indicateurs des produits qui passent bientôt en comité sont à jour.</p>
      ) : (
        <Table
          caption={`Produits à relancer (${products.length})`}
          headers={["Produit", "Prochaine revue", "Valeurs manquantes", "Dernière relance"]}
          data={products.map((p) => [
            <Link key="product" to={`/produits/${p.product.slug}`}>
              {p.product.name}
            </Link>,
            <span key="review">
              {formatDay(p.nextReview)}
              {p.reviewPast && (
                <>
                  {" "}
                  <Badge as="span" small severity="error">
                    Revue dépassée
                  </Badge>
                </>
              )}
            </span>,
            <ul key="missing" className="fr-mb-0">
              {p.missing.map((m) => (
                <li key={m.name}>
                  {m.name} : valeur {ofPeriod(m.period, m.frequency)} (
                  {m.lastValuePeriod ? `dernière : ${formatPeriod(m.lastValuePeriod, m.frequency)}` : "aucune valeur"})
                </li>
              ))}
            </ul>,
            <span key="reminder">
              {p.lastReminderAt ? formatDateTime(p.lastReminderAt) : "Jamais"}
              {p.recipientCount === 0 && (
                <>
                  {" "}
                  <Badge as="span" small severity="warning">
                    Aucun membre d'équipe à prévenir
                  </Badge>
                </>
              )}
            </span>,
          ])}
        />
      )}
    </>
  );
}
