import { Table } from "@codegouvfr/react-dsfr/Table";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DATASETS, definitionOf } from "~/open-data/datasets.server";
import { FIELD_TYPE_LABELS } from "~/domain/labels";
import { LICENCE } from "~/open-data/table-schema";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Données ouvertes");

// Public: the catalogue of the open datasets, drawn from their definitions (no session read).
export function loader() {
  return { datasets: DATASETS.map(definitionOf) };
}

export default function OpenData() {
  const { datasets } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Données ouvertes</h1>
      <p className="fr-text--lead">
        Les produits publics des incubateurs, leur parcours, les décisions publiées de leurs comités d'investissement et
        leurs indicateurs d'impact publics, en fichiers CSV et par une API, sans compte, sous{" "}
        <a href={LICENCE.path}>{LICENCE.title}</a>.
      </p>
      <p>
        Seules les données publiques y figurent : ni produit non public, ni équipe, ni financement, ni vote, ni note
        interne, ni condition, ni décision non publiée, ni indicateur non public. Les identifiants (identifiant d'un
        produit ou d'un incubateur, UUID d'une phase, d'une décision ou d'un indicateur) sont stables : ils relient les
        fichiers entre eux et d'une publication à l'autre. Un produit renommé garde son ancienne adresse, qui redirige
        vers la nouvelle.
      </p>

      <h2>Licence</h2>
      <p>
        Les données sont publiées sous la <a href={LICENCE.path}>{LICENCE.title}</a> : vous pouvez les réutiliser
        librement, y compris à des fins commerciales, en mentionnant leur source (« Jalon ») et la date de leur dernière
        mise à jour.
      </p>

      <h2>Format des fichiers</h2>
      <ul>
        <li>CSV encodé en UTF-8, séparateur virgule, fin de ligne CRLF, une ligne d'en-tête avec le nom des colonnes.</li>
        <li>Une cellule vide est une valeur absente. Dates au format AAAA-MM-JJ, dates et heures en ISO 8601 (UTC).</li>
        <li>
          Une cellule de texte qui commencerait par =, +, - ou @ est précédée d'une apostrophe, pour qu'un tableur ne
          l'exécute pas comme une formule.
        </li>
        <li>
          Chaque fichier est décrit par un schéma au format{" "}
          <a href="https://specs.frictionlessdata.io/table-schema/">Table Schema</a> (types, valeurs permises, clé
          primaire, clés étrangères) ; le <a href="/donnees/datapackage.json">Data Package</a> les réunit.
        </li>
      </ul>

      <h2>API</h2>
      <p>
        L'API ouverte répond en JSON sous <code>/api/public/v1</code>, sans jeton et depuis n'importe quel site (CORS).
        Les listes se lisent page par page (<code>page</code>, <code>pageSize</code> jusqu'à 200, <code>next</code> donne
        la page suivante) ; les phases, décisions et valeurs d'indicateurs se filtrent par produit (
        <code>product=&lt;identifiant&gt;</code>). Les réponses se revalident avec <code>ETag</code> (304 si rien n'a
        changé). Sa description complète : <a href="/api/public/v1/openapi.json">document OpenAPI</a>.
      </p>

      {datasets.map((dataset) => (
        <section key={dataset.id} className="fr-mb-6w" aria-labelledby={`jeu-${dataset.id}`}>
          <h2 id={`jeu-${dataset.id}`}>{dataset.title}</h2>
          <p>{dataset.description}</p>
          <ul>
            <li>
              <a className="fr-link" href={`/donnees/${dataset.id}.csv`} download>
                Télécharger {dataset.id}.csv
              </a>
            </li>
            <li>
              <a className="fr-link" href={`/donnees/${dataset.id}.schema.json`}>
                Schéma de {dataset.id}.csv (Table Schema)
              </a>
            </li>
            <li>
              API : <a href={`/api/public/v1${dataset.apiPath}`}>{`/api/public/v1${dataset.apiPath}`}</a>
            </li>
          </ul>
          <Table
            caption={`Colonnes de ${dataset.id}.csv`}
            headers={["Colonne", "Type", "Obligatoire", "Description"]}
            data={dataset.fields.map((field) => [
              <code key="name">{field.name}</code>,
              field.format === "uuid" ? "identifiant (UUID)" : field.format === "uri" ? "adresse web" : FIELD_TYPE_LABELS[field.type],
              field.required ? "oui" : "non",
              <>
                {field.description}
                {field.enum && ` Valeurs : ${field.enum.join(", ")}.`}
              </>,
            ])}
          />
          <p className="fr-text--sm">
            Clé primaire : {dataset.primaryKey.join(" + ")}
            {dataset.foreignKeys.map((fk) => ` ; ${fk.fields} renvoie à ${fk.reference.resource}.${fk.reference.fields}`).join("")}.
          </p>
        </section>
      ))}
      <p>
        Chaque produit a aussi sa page publique, à partir du <Link to="/">portefeuille</Link>.
      </p>
    </>
  );
}
