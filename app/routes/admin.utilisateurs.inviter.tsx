import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AdminBreadcrumb } from "~/admin/admin-page";
import { redirectWithFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { ErrorSummary, TextField } from "~/admin/form-ui";
import { grantOptions } from "~/admin/grants.server";
import { requireAdmin } from "~/admin/guards.server";
import { refusedForm } from "~/admin/refused-form.server";
import { ROLE_FIELD_LABELS, RoleFields } from "~/admin/role-fields";
import { InviteSchema } from "~/admin/user-forms";
import { inviteUser } from "~/admin/users.server";
import { pageTitle } from "~/ui/page-title";
import { readFormFields } from "~/http/form.server";

export const meta: MetaFunction = () => pageTitle("Inviter une personne");

const LABELS = { name: "Prénom et nom", email: "Adresse électronique", ...ROLE_FIELD_LABELS };

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  return { choices: await grantOptions(admin.scope) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = parseForm(InviteSchema, await readFormFields(request));
  if (!form.success) return refusedForm(form.errors, form.values);
  const invited = await inviteUser(admin, form.data);
  if (!invited.ok) return refusedForm(invited.errors, form.values);
  // Jalon sends no e-mail here: the person signs in on their own with the address given.
  const message = invited.created
    ? `Invitation enregistrée pour ${form.data.name} (${form.data.email}). Prévenez cette personne : elle peut se connecter dès maintenant sur la page /connexion de Jalon, avec ProConnect ou avec un lien reçu par courriel.`
    : `Cette adresse avait déjà un compte : le rôle lui a été ajouté. La personne le verra à sa prochaine connexion.`;
  return redirectWithFlash(`/admin/utilisateurs/${invited.userId}`, message);
}

export default function Invite() {
  const { choices } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const form = refused ?? { values: {}, errors: {} };
  return (
    <>
      <AdminBreadcrumb
        section={{ label: "Utilisateurs", path: "/admin/utilisateurs" }}
        current="Inviter une personne"
      />
      <h1>Inviter une personne</h1>
      <p>
        Jalon crée le compte s'il n'existe pas et lui attribue le rôle choisi. La personne se connecte ensuite avec
        ProConnect ou avec un lien reçu par courriel, à l'adresse indiquée ici.
      </p>
      <p className="fr-text--sm">Les champs sans mention « facultatif » sont obligatoires.</p>
      <ErrorSummary errors={refused?.errors} labels={LABELS} />
      {/* The server's French messages, next to each field, rather than the browser's own. */}
      <Form method="post" noValidate className="fr-col-12 fr-col-md-8">
        <TextField form={form} name="name" label={LABELS.name} required />
        <TextField
          form={form}
          name="email"
          label={LABELS.email}
          type="email"
          hint="Son adresse professionnelle, par exemple prenom.nom@exemple.gouv.fr."
          required
        />
        <RoleFields form={form} choices={choices} />
        <Button type="submit">Inviter</Button>
      </Form>
    </>
  );
}
