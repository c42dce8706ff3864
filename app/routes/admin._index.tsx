import { Tile } from "@codegouvfr/react-dsfr/Tile";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/admin/guards.server";
import { adminHub } from "~/admin/hub.server";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Administration");

export async function loader({ request }: LoaderFunctionArgs) {
  return adminHub(await requireAdmin(request));
}

export default function AdminHome() {
  const { platform, incubatorNames, sections } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Administration</h1>
      <p className="fr-text--lead">
        {platform
          ? "Vous administrez la plateforme Jalon."
          : `Vous administrez ${incubatorNames.length > 1 ? "les incubateurs" : "l'incubateur"} ${incubatorNames.join(
              ", ",
            )}.`}
      </p>
      <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
        {sections.map((section) => (
          <li key={section.path} className="fr-col-12 fr-col-md-4">
            <Tile
              title={section.title}
              titleAs="h2"
              desc={section.description}
              linkProps={{ to: section.path }}
              enlargeLinkOrButton
            />
          </li>
        ))}
      </ul>
    </>
  );
}
