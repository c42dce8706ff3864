// Try Jalon as any role in a minute: sign in as a seeded persona (demo database only).
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Card } from "@codegouvfr/react-dsfr/Card";
import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { isDemoSignInEnabled } from "~/auth/demo-sign-in.server";
import { findPersona, listPersonas } from "~/auth/personas.server";
import { createSession } from "~/auth/session.server";
import { notFound } from "~/auth/viewer.server";
import { pageTitle } from "~/ui/page-title";
import { describeRole } from "~/ui/role-description";
import { readFormFields } from "~/http/form.server";

export const meta: MetaFunction = () => pageTitle("Profils de démonstration");

const FormSchema = z.object({ userId: z.uuid() });

export async function loader() {
  if (!(await isDemoSignInEnabled())) throw notFound();
  const personas = await listPersonas();
  return {
    personas: personas.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      roles: p.roles.map(describeRole),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  if (!(await isDemoSignInEnabled())) throw notFound();
  const form = FormSchema.safeParse(await readFormFields(request));
  const persona = form.success ? await findPersona(form.data.userId) : null;
  if (!persona) return Response.json({ error: "Ce profil de démonstration n'existe pas." }, { status: 400 });
  return redirect("/", { headers: { "Set-Cookie": await createSession(persona.id, "demo", request) } });
}

export default function DemoSignIn() {
  const { personas } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Essayer Jalon avec un profil de démonstration</h1>
      <p className="fr-text--lead">
        Ces profils n'existent que dans la base de démonstration. Choisissez un rôle pour voir Jalon comme le voit la
        personne qui l'occupe.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        {personas.map((persona) => (
          <div key={persona.id} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <Card
              title={persona.name}
              titleAs="h2"
              desc={persona.roles.join(" · ")}
              end={
                <Form method="post">
                  <input type="hidden" name="userId" value={persona.id} />
                  <Button type="submit" title={`Se connecter en tant que ${persona.name}`}>
                    Se connecter
                  </Button>
                </Form>
              }
            />
          </div>
        ))}
      </div>
    </>
  );
}
