import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { setLink } from "@codegouvfr/react-dsfr/link";
import dsfrCss from "@codegouvfr/react-dsfr/main.css?url";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  Form,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { adminScope, administersAnything } from "~/admin/grantable-roles";
import { getViewer } from "~/auth/viewer.server";
import { UNAVAILABLE_MESSAGE, UNAVAILABLE_TITLE } from "~/http/unavailable";
import { useNonce } from "~/ui/nonce";

declare module "@codegouvfr/react-dsfr/link" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

// At module scope so that the server render and the first client render produce the same links.
// The cast: react-dsfr's props type also allows `href`; its wrapper renders external, anchor and
// mailto hrefs as a plain <a> itself, and Jalon's own pages are always linked with `to`.
setLink({ Link: Link as Parameters<typeof setLink>[0]["Link"] });

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: dsfrCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
  { rel: "apple-touch-icon", href: "/apple-touch-icon.png" },
  { rel: "manifest", href: "/manifest.webmanifest" },
];

const ERROR_PAGES = {
  403: {
    title: "Accès refusé",
    text: "Vous n'avez pas les droits nécessaires pour consulter cette page.",
  },
  404: {
    title: "Page introuvable",
    text: "La page que vous cherchez n'existe pas ou a été déplacée. Vérifiez l'adresse saisie ou revenez au portefeuille.",
  },
  503: { title: UNAVAILABLE_TITLE, text: UNAVAILABLE_MESSAGE },
  other: {
    title: "Une erreur est survenue",
    text: "Nous n'avons pas pu afficher cette page. Réessayez dans quelques instants ; si le problème persiste, prévenez l'équipe qui gère Jalon.",
  },
};

function errorPage(error: unknown) {
  if (isRouteErrorResponse(error) && (error.status === 403 || error.status === 404 || error.status === 503)) {
    return { status: error.status, ...ERROR_PAGES[error.status] };
  }
  return { status: isRouteErrorResponse(error) ? error.status : 500, ...ERROR_PAGES.other };
}

export const meta: MetaFunction = ({ error }) => [{ title: error ? `${errorPage(error).title} · Jalon` : "Jalon" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  return {
    viewer: viewer && { name: viewer.name, email: viewer.email, administers: administersAnything(adminScope(viewer)) },
  };
}

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);
const homeLinkProps = { to: "/", title: "Accueil - Jalon" };

export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const nonce = useNonce();
  // Undefined when the root loader itself failed: the error page then shows the public header.
  const viewer = useRouteLoaderData<typeof loader>("root")?.viewer ?? null;

  // DSFR's own script edits the DOM: started after hydration, it cannot cause mismatches.
  useEffect(() => {
    startReactDsfr({ defaultColorScheme: "light", Link });
  }, []);

  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <SkipLinks
          links={[
            { label: "Contenu", anchor: "#contenu" },
            { label: "Pied de page", anchor: "#pied-de-page" },
          ]}
        />
        <Header
          brandTop={brandTop}
          disableDisplay
          serviceTitle="Jalon"
          serviceTagline="Le portefeuille des startups d'État"
          homeLinkProps={homeLinkProps}
          navigation={[
            {
              text: "Portefeuille",
              linkProps: { to: "/" },
              isActive: pathname === "/" || pathname.startsWith("/produits/"),
            },
            ...(viewer
              ? [{ text: "Comités", linkProps: { to: "/comites" }, isActive: pathname.startsWith("/comites") }]
              : []),
            {
              text: "Incubateurs",
              linkProps: { to: "/incubateurs" },
              isActive: pathname === "/incubateurs" || pathname.startsWith("/incubateurs/"),
            },
            {
              text: "Tableaux de bord",
              linkProps: { to: "/tableau-de-bord" },
              isActive: pathname.startsWith("/tableau-de-bord"),
            },
          ]}
          quickAccessItems={
            viewer
              ? [
                  ...(viewer.administers
                    ? [{ iconId: "fr-icon-settings-5-line" as const, text: "Administration", linkProps: { to: "/admin" } }]
                    : []),
                  { iconId: "fr-icon-account-circle-line", text: viewer.name, linkProps: { to: "/compte" } },
                  <Form key="sign-out" method="post" action="/deconnexion">
                    <Button type="submit" iconId="fr-icon-logout-box-r-line" priority="tertiary">
                      Se déconnecter
                    </Button>
                  </Form>,
                ]
              : [{ iconId: "fr-icon-account-circle-line", text: "Se connecter", linkProps: { to: "/connexion" } }]
          }
        />
        <main id="contenu" tabIndex={-1}>
          <div className="fr-container fr-py-6w">{children}</div>
        </main>
        <Footer
          id="pied-de-page"
          brandTop={brandTop}
          homeLinkProps={homeLinkProps}
          accessibility="non compliant"
          accessibilityLinkProps={{ to: "/accessibilite" }}
          termsLinkProps={{ to: "/mentions-legales" }}
          bottomItems={[
            { text: "Données personnelles", linkProps: { to: "/donnees-personnelles" } },
            { text: "Données ouvertes", linkProps: { to: "/donnees" } },
          ]}
          contentDescription="Jalon est un logiciel libre qui aide les incubateurs de l'État à piloter leur portefeuille de startups d'État : phases, impact et comités d'investissement."
        />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const page = errorPage(useRouteError());
  return (
    <>
      <h1>{page.title}</h1>
      <p className="fr-text--sm fr-mb-3w">Erreur {page.status}</p>
      <p className="fr-text--lead fr-mb-5w">{page.text}</p>
      <Button linkProps={{ to: "/" }}>Revenir au portefeuille</Button>
    </>
  );
}
