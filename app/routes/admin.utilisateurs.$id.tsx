import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { AccountStateBadge } from "~/admin/account-state-badge";
import { AdminBreadcrumb } from "~/admin/admin-page";
import { redirectWithFlash, takeFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { ErrorSummary, FlashMessage } from "~/admin/form-ui";
import { grantOptions } from "~/admin/grants.server";
import { requireAdmin } from "~/admin/guards.server";
import { refusedForm } from "~/admin/refused-form.server";
import { ROLE_FIELD_LABELS, RoleFields } from "~/admin/role-fields";
import { UserActionSchema } from "~/admin/user-forms";
import { changeUser, isUserInScope, loadUserAdminPage } from "~/admin/users.server";
import { notFound } from "~/auth/viewer.server";
import { formatDateTime, formatDay } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";
import { readFormFields } from "~/http/form.server";

const ParamsSchema = z.object({ id: z.uuid() });

function userId(params: LoaderFunctionArgs["params"]): string {
  const parsed = ParamsSchema.safeParse(params);
  if (!parsed.success) throw notFound();
  return parsed.data.id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const [page, choices] = await Promise.all([loadUserAdminPage(admin, userId(params)), grantOptions(admin.scope)]);
  if (!page) throw notFound();
  const { flash, headers } = await takeFlash(request);
  return data({ ...page, choices, flash }, { headers });
}

const DONE = {
  grant: "Le rôle a été attribué.",
  revoke: "Le rôle a été retiré.",
  deactivate: "Le compte a été désactivé et ses sessions ouvertes ont été fermées.",
  reactivate: "Le compte a été réactivé.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const id = userId(params);
  // Someone outside the admin's reach is answered as missing, before anything of the form is read.
  if (!(await isUserInScope(admin, id))) throw notFound();
  const form = parseForm(UserActionSchema, await readFormFields(request));
  if (!form.success) return refusedForm(form.errors, form.values);
  const change = form.data;
  const result = await changeUser(admin, id, change);
  if (!result.ok) return refusedForm(result.errors, form.values);
  const stillShown = change.intent !== "revoke" || (await isUserInScope(admin, id));
  return redirectWithFlash(stillShown ? `/admin/utilisateurs/${id}` : "/admin/utilisateurs", DONE[change.intent]);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.user.name ?? "Utilisateur");

export default function UserPage() {
  const { user, roles, otherRoleCount, isSelf, mayManageAccount, choices, flash } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const grantForm = refused?.values.intent === "grant" ? refused : { values: {}, errors: {} };
  // A new key after each redirection: the forms start empty again once a change is saved.
  const { key } = useLocation();

  return (
    <>
      <AdminBreadcrumb section={{ label: "Utilisateurs", path: "/admin/utilisateurs" }} current={user.name} />
      <h1>{user.name}</h1>
      <FlashMessage message={flash} />
      <ErrorSummary errors={refused?.errors} labels={ROLE_FIELD_LABELS} />
      <ul className="fr-mb-4w">
        <li>Adresse électronique : {user.email}</li>
        <li>
          État du compte : <AccountStateBadge state={user.state} />
        </li>
        <li>Dernière connexion : {user.lastSeenAt ? formatDateTime(user.lastSeenAt) : "jamais"}</li>
        <li>
          Compte créé le {formatDay(user.createdAt)}
          {user.invitedBy && `, sur invitation de ${user.invitedBy.name}`}
        </li>
      </ul>

      <h2>Rôles</h2>
      {roles.length === 0 ? (
        <p>{otherRoleCount > 0 ? "Aucun rôle dans votre périmètre." : "Aucun rôle."}</p>
      ) : (
        <Table
          caption={`Rôles de ${user.name}`}
          noCaption
          headers={["Rôle", "Action"]}
          data={roles.map((role) => [
            role.ended ? `${role.label} (terminé)` : role.label,
            role.removable ? (
              <Form key="revoke" method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="assignmentId" value={role.id} />
                <Button type="submit" priority="secondary" size="small" title={`Retirer le rôle ${role.label}`}>
                  Retirer
                </Button>
              </Form>
            ) : (
              "Vos propres droits d'administration ne peuvent être retirés que par une autre personne."
            ),
          ])}
        />
      )}
      {otherRoleCount > 0 && (
        <p className="fr-text--sm">
          {otherRoleCount > 1
            ? `${otherRoleCount} autres rôles, hors de votre périmètre, ne sont pas affichés.`
            : "Un autre rôle, hors de votre périmètre, n'est pas affiché."}
        </p>
      )}

      <h2>Ajouter un rôle</h2>
      <Form key={key} method="post" noValidate className="fr-col-12 fr-col-md-8 fr-mb-6w">
        <input type="hidden" name="intent" value="grant" />
        <RoleFields form={grantForm} choices={choices} />
        <Button type="submit">Ajouter ce rôle</Button>
      </Form>

      <h2>Compte</h2>
      {isSelf ? (
        <p>Vous ne pouvez pas désactiver votre propre compte.</p>
      ) : !mayManageAccount ? (
        <p>
          Cette personne a des rôles hors de votre périmètre : seule une administratrice ou un administrateur de la
          plateforme peut désactiver son compte.
        </p>
      ) : user.state === "deactivated" ? (
        <Form method="post">
          <p>Ce compte est désactivé : la personne ne peut plus se connecter.</p>
          <input type="hidden" name="intent" value="reactivate" />
          <Button type="submit" priority="secondary">
            Réactiver le compte
          </Button>
        </Form>
      ) : (
        <Form method="post" className="fr-col-12 fr-col-md-8">
          <p>
            Une personne désactivée ne peut plus se connecter, et ses sessions ouvertes sont fermées immédiatement. Ses
            rôles sont conservés.
          </p>
          <input type="hidden" name="intent" value="deactivate" />
          <Input
            label="Motif (facultatif)"
            hintText="Conservé dans le journal."
            textArea
            nativeTextAreaProps={{ name: "reason" }}
          />
          <Button type="submit" priority="secondary" iconId="fr-icon-lock-line">
            Désactiver le compte
          </Button>
        </Form>
      )}
    </>
  );
}
