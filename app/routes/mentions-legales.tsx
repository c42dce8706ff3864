import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Mentions légales");

export default function LegalNotice() {
  return (
    <>
      <h1>Mentions légales</h1>

      <h2>Éditeur</h2>
      <p>
        Cette instance de Jalon est éditée par l'incubateur qui l'opère, au sein de son ministère ou de son
        administration. La direction de la publication est assurée par la personne qui dirige cet incubateur.
      </p>

      <h2>Logiciel</h2>
      <p>
        Jalon est un logiciel libre, publié sous licence MIT : toute administration peut l'installer, l'étudier et
        l'adapter.
      </p>

      <h2>Hébergement</h2>
      <p>L'hébergement est choisi par l'incubateur qui opère cette instance.</p>

      <h2>Accessibilité</h2>
      <p>
        Jalon est non conforme au RGAA : aucun audit n'a encore été réalisé. Voir la{" "}
        <Link to="/accessibilite">déclaration d'accessibilité</Link>.
      </p>

      <h2>Données personnelles</h2>
      <p>
        Voir la page <Link to="/donnees-personnelles">données personnelles</Link>.
      </p>
    </>
  );
}
