import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { PortfolioList } from "~/products/portfolio-list";
import { loadPortfolioView } from "~/products/portfolio.server";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Portefeuille");

export async function loader({ request }: LoaderFunctionArgs) {
  const { status, view } = await loadPortfolioView(await getViewer(request), new URL(request.url));
  return data(view, { status });
}

export default function Portfolio() {
  const view = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Portefeuille</h1>
      <p>Les produits de tous les incubateurs du réseau, avec leur phase et leur prochaine revue en comité.</p>
      <PortfolioList view={view} path="/" caption="Produits du portefeuille" />
    </>
  );
}
