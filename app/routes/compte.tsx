// The signed-in user's account: who Jalon thinks they are, their roles, their open sessions.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { loadAccount } from "~/auth/account.server";
import { requireViewer } from "~/auth/viewer.server";
import { followedDashboards } from "~/dashboards/scope.server";
import { SIGN_IN_METHOD_LABELS } from "~/domain/labels";
import { formatDateTime } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";
import { describeRole } from "~/ui/role-description";

export const meta: MetaFunction = () => pageTitle("Mon compte");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const [account, dashboards] = await Promise.all([loadAccount(viewer.userId), followedDashboards(viewer)]);
  return { account, dashboards };
}

export default function Account() {
  const { account, dashboards } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Mon compte</h1>
      <p>
        {account.name} — {account.email}
      </p>
      <h2>Mes rôles</h2>
      {account.roles.length === 0 ? (
        <p>Vous n'avez encore aucun rôle : demandez-en un à votre incubateur.</p>
      ) : (
        <ul>
          {account.roles.map((r) => (
            <li key={r.id}>{describeRole(r)}</li>
          ))}
        </ul>
      )}
      {dashboards.length > 0 && (
        <>
          <h2>Mes tableaux de bord</h2>
          <ul>
            {dashboards.map((d) => (
              <li key={d.to}>
                <Link to={d.to}>{d.label}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Mes connexions ouvertes</h2>
      <Table
        headers={["Ouverte le", "Dernière activité", "Moyen", "Navigateur"]}
        data={account.sessions.map((s) => [
          formatDateTime(s.createdAt),
          formatDateTime(s.lastSeenAt),
          SIGN_IN_METHOD_LABELS[s.method] ?? s.method,
          s.userAgent ?? "inconnu",
        ])}
      />
      <Form method="post" action="/deconnexion">
        <input type="hidden" name="partout" value="1" />
        <Button type="submit" priority="secondary">
          Se déconnecter de tous les appareils
        </Button>
      </Form>
    </>
  );
}
