import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Déclaration d'accessibilité");

export default function Accessibility() {
  return (
    <>
      <h1>Déclaration d'accessibilité</h1>
      <p>
        L'incubateur qui opère cette instance de Jalon s'engage à rendre ses services numériques accessibles,
        conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>

      <h2>État de conformité</h2>
      <p>
        Jalon est <strong>non conforme</strong> au référentiel général d'amélioration de l'accessibilité (RGAA) :
        aucun audit n'a encore été réalisé. Jalon utilise les composants du Système de design de l'État (DSFR),
        conçus pour être accessibles, mais cela ne remplace pas un audit.
      </p>

      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez l'équipe de l'incubateur qui
        opère cette instance : elle vous orientera vers une alternative accessible ou vous transmettra le contenu
        sous une autre forme.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service
        et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits :
      </p>
      <ul>
        <li>
          par le <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne du Défenseur des droits</a> ;
        </li>
        <li>
          en contactant <a href="https://www.defenseurdesdroits.fr/saisir/delegues">le délégué du Défenseur des droits dans votre région</a> ;
        </li>
        <li>par courrier, gratuitement : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
      </ul>
      <p>
        Voir aussi les <Link to="/mentions-legales">mentions légales</Link>.
      </p>
    </>
  );
}
