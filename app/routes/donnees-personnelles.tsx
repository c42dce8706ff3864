import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Données personnelles");

export default function PersonalData() {
  return (
    <>
      <h1>Données personnelles</h1>
      <p>
        Jalon traite un petit nombre de données personnelles : celles des agents publics et des prestataires qui
        font vivre les startups d'État et leurs comités. Il ne traite aucune donnée sur les usagers des services
        suivis.
      </p>

      <h2>Données traitées</h2>
      <ul>
        <li>les noms et adresses électroniques professionnelles des agents ;</li>
        <li>leur rôle : intrapreneur·e, membre d'une équipe, coach, membre d'un comité, responsable d'incubateur…</li>
      </ul>

      <h2>Finalité</h2>
      <p>
        Ces données servent à organiser et à tenir les comités d'investissement (invitations, dossiers, votes,
        décisions) et à suivre le portefeuille des produits.
      </p>

      <h2>Responsable du traitement et base légale</h2>
      <p>
        Le responsable du traitement est l'incubateur qui opère cette instance de Jalon. Le traitement est
        nécessaire à l'exécution de la mission d'intérêt public dont il est investi (article 6-1-e du RGPD).
      </p>

      <h2>Destinataires</h2>
      <p>
        Les données sont accessibles aux personnes habilitées de l'incubateur et aux membres des comités. Les noms
        et rôles des membres des équipes sont publiés sur les pages des produits ; les adresses électroniques ne
        sont jamais publiées.
      </p>

      <h2>Vos droits</h2>
      <p>
        Vous pouvez accéder à vos données, les faire rectifier ou effacer, demander la limitation du traitement ou
        vous y opposer en écrivant à l'incubateur qui opère cette instance. Si vous estimez que vos droits ne sont
        pas respectés, vous pouvez adresser une réclamation à la <a href="https://www.cnil.fr/fr/plaintes">CNIL</a>.
      </p>

      <h2>Cookies</h2>
      <p>Jalon ne dépose aucun cookie de mesure d'audience ni de publicité.</p>
    </>
  );
}
