import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { takeFlash } from "~/admin/flash.server";
import { FlashMessage } from "~/admin/form-ui";
import { requireViewer } from "~/auth/viewer.server";
import { loadCalendar, type SessionSummary } from "~/committees/calendar.server";
import { ReviewBadge, SessionStatusBadge } from "~/committees/committee-ui";
import { PhaseBadge } from "~/components/phase-badge";
import { REVIEW_SOON_DAYS } from "~/domain/committee-calendar";
import { formatDateTime, formatDay } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const calendar = await loadCalendar(viewer);
  const { flash, headers } = await takeFlash(request);
  return data({ ...calendar, flash }, { headers });
}

export const meta: MetaFunction = () => pageTitle("Comités d'investissement");

function SessionTable({ caption, sessions }: { caption: string; sessions: readonly SessionSummary[] }) {
  return (
    <Table
      caption={caption}
      headers={["Date", "Séance", "État", "Produits", "Décisions"]}
      data={sessions.map((s) => [
        formatDateTime(s.startsAt),
        <Link key="seance" to={`/comites/${s.id}`}>
          {s.title}
        </Link>,
        <SessionStatusBadge key="etat" status={s.status} closed={s.closed} />,
        String(s.products),
        String(s.decisions),
      ])}
    />
  );
}

export default function CommitteeCalendar() {
  const { incubators, guestSessions, flash } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Comités d'investissement</h1>
      <p>
        Chaque produit passe en comité au moins tous les six mois (selon le délai de revue de son incubateur), et un à
        deux mois après une prolongation provisoire. Sont listés les produits en retard de revue ou à revoir dans les{" "}
        {REVIEW_SOON_DAYS} jours.
      </p>
      <FlashMessage message={flash} />
      {incubators.length === 0 && guestSessions.length === 0 && (
        <p>Vous ne suivez le comité d'aucun incubateur. Les séances auxquelles vous serez invité·e apparaîtront ici.</p>
      )}
      {guestSessions.length > 0 && (
        <section className="fr-mb-6w">
          <h2>Séances auxquelles vous êtes invité·e</h2>
          <SessionTable caption="Séances auxquelles vous êtes invité·e" sessions={guestSessions} />
        </section>
      )}
      {incubators.map((incubator) => (
        <section key={incubator.id} className="fr-mb-8w" aria-labelledby={`incubateur-${incubator.slug}`}>
          <h2 id={`incubateur-${incubator.slug}`}>{incubator.name}</h2>
          {incubator.mayPlan && (
            <Button className="fr-mb-3w" iconId="fr-icon-add-line" linkProps={{ to: `/incubateurs/${incubator.slug}/comites/nouveau` }}>
              Planifier une séance
            </Button>
          )}
          <h3 className="fr-h5">Produits à revoir</h3>
          {incubator.due.length === 0 ? (
            <p>Aucun produit n'est en retard de revue ni à revoir dans les {REVIEW_SOON_DAYS} jours.</p>
          ) : (
            <Table
              caption={`Produits de ${incubator.name} à revoir, la revue la plus ancienne d'abord`}
              headers={["Produit", "Phase", "Prochaine revue", "État", "Séance prévue"]}
              data={incubator.due.map((p) => [
                <Link key="produit" to={`/produits/${p.slug}`}>
                  {p.name}
                </Link>,
                <PhaseBadge key="phase" phase={p.phase} />,
                `${formatDay(p.reviewDate)}${p.basis === "first-review" ? " (première revue)" : ""}`,
                <ReviewBadge key="etat" urgency={p.urgency} days={p.days} />,
                p.scheduledIn ? (
                  <Link key="seance" to={`/comites/${p.scheduledIn.id}`}>
                    {formatDay(p.scheduledIn.startsAt)}
                  </Link>
                ) : (
                  "Aucune"
                ),
              ])}
            />
          )}
          <h3 className="fr-h5">Séances à venir ou à clore</h3>
          {incubator.upcoming.length === 0 ? (
            <p>Aucune séance n'est planifiée.</p>
          ) : (
            <SessionTable caption={`Séances de ${incubator.name} à venir ou à clore`} sessions={incubator.upcoming} />
          )}
          <h3 className="fr-h5">Dernières séances</h3>
          {incubator.past.length === 0 ? (
            <p>Aucune séance passée.</p>
          ) : (
            <SessionTable caption={`Dernières séances de ${incubator.name}`} sessions={incubator.past} />
          )}
        </section>
      ))}
    </>
  );
}
