import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ButtonsGroup } from "@codegouvfr/react-dsfr/ButtonsGroup";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound } from "~/auth/viewer.server";
import { dossierOutline, versionLine } from "~/committees/dossier-outline";
import { dossierPath, dossierPdfPath } from "~/committees/dossier-paths";
import printStyles from "~/committees/dossier-print.css?url";
import { DossierView } from "~/committees/dossier-view";
import { askedVersion, readDossier, requireDossierAccess } from "~/committees/dossiers.server";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ id: z.string().min(1), slug: z.string().min(1) });

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { id, slug } = ParamsSchema.parse(params);
  const access = await requireDossierAccess(request, id, slug);
  const shown = await readDossier(access, askedVersion(request));
  if (!shown) throw notFound();
  return {
    sessionId: id,
    slug: access.product.slug,
    /** The version the links name; none for a first draft not saved yet (the links then show it too). */
    version: shown.saved ? shown.meta.version : undefined,
    draft: shown.meta.status === "draft",
    line: versionLine(shown.meta, shown.content),
    outline: dossierOutline(shown.content),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `${data.outline.title} (version imprimable)` : "Dossier");

export default function PrintableDossier() {
  const { sessionId, slug, version, draft, line, outline } = useLoaderData<typeof loader>();
  return (
    <article>
      <ButtonsGroup
        className="fr-mb-4w"
        inlineLayoutWhen="always"
        buttons={[
          { children: "Imprimer", iconId: "fr-icon-printer-line", onClick: () => window.print() },
          {
            children: "Télécharger en PDF",
            priority: "secondary",
            iconId: "fr-icon-download-line",
            linkProps: { to: dossierPdfPath(sessionId, slug, version), reloadDocument: true },
          },
          { children: "Retour au dossier", priority: "tertiary", linkProps: { to: dossierPath(sessionId, slug, draft ? undefined : version) } },
        ]}
      />
      {draft && <p className="fr-h4 fr-mb-2w">BROUILLON</p>}
      <h1 className="fr-mb-1w">{outline.title}</h1>
      <p className="fr-text--lead fr-mb-2w">{outline.subtitle}</p>
      <Alert className="fr-mb-4w" severity={draft ? "warning" : "info"} small description={line} />
      <DossierView outline={outline} />
    </article>
  );
}
