import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AccountStateBadge } from "~/admin/account-state-badge";
import { AdminListPage } from "~/admin/admin-page";
import { requireAdmin } from "~/admin/guards.server";
import { listUsers } from "~/admin/users.server";
import { formatDateTime } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Utilisateurs");

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  return { platform: admin.scope.platform, users: await listUsers(admin) };
}

export default function Users() {
  const { platform, users } = useLoaderData<typeof loader>();
  return (
    <AdminListPage
      title="Utilisateurs"
      intro={
        platform
          ? "Toutes les personnes qui ont un compte dans Jalon."
          : "Les personnes qui ont un rôle dans vos incubateurs, avec leurs rôles chez vous."
      }
      add={{ label: "Inviter une personne", path: "/admin/utilisateurs/inviter" }}
      emptyText="Personne n'a encore de rôle dans votre périmètre."
      headers={["Nom", "Adresse électronique", "Rôles", "État", "Dernière connexion"]}
      rows={users.map((user) => [
        <Link key="name" to={`/admin/utilisateurs/${user.id}`}>
          {user.name}
        </Link>,
        user.email,
        user.roles.length === 0 ? (
          "Aucun rôle"
        ) : (
          <ul key="roles" className="fr-raw-list">
            {user.roles.map((role) => (
              <li key={role}>{role}</li>
            ))}
          </ul>
        ),
        <AccountStateBadge key="state" state={user.state} />,
        user.lastSeenAt ? formatDateTime(user.lastSeenAt) : "Jamais",
      ])}
    />
  );
}
