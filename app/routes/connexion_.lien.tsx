// The page a sign-in e-mail links to. Opening it signs nobody in: mail security scanners fetch
// links before the person does, so only the button (a POST) spends the token.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { LocalPathSchema } from "~/auth/local-path";
import { consumeSignInLink } from "~/auth/magic-link.server";
import { createSession } from "~/auth/session.server";
import { pageTitle } from "~/ui/page-title";
import { readFormFields } from "~/http/form.server";

export const meta: MetaFunction = () => pageTitle("Se connecter à Jalon");

// The page's address holds the token: no Referer may carry it to another site.
export const headers = () => ({ "Referrer-Policy": "no-referrer" });

// A malformed token is just another link that no longer works: it is refused when spent.
const LinkSchema = z.object({
  jeton: z.string().max(100).catch(""),
  suite: LocalPathSchema.optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const link = LinkSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return data({ ...link, invalid: link.jeton === "" }, { status: link.jeton === "" ? 400 : 200 });
}

export async function action({ request }: ActionFunctionArgs) {
  const { jeton, suite } = LinkSchema.parse(await readFormFields(request));
  const userId = await consumeSignInLink(jeton);
  if (!userId) return data({ invalid: true }, { status: 400 });
  return redirect(suite ?? "/", { headers: { "Set-Cookie": await createSession(userId, "magic-link", request) } });
}

export default function SignInLink() {
  const link = useLoaderData<typeof loader>();
  const spent = useActionData<typeof action>();
  const invalid = link.invalid || spent?.invalid;
  const newLinkPath = link.suite ? `/connexion?redirectTo=${encodeURIComponent(link.suite)}` : "/connexion";

  return (
    <>
      <h1>Se connecter à Jalon</h1>
      {invalid ? (
        <>
          <Alert
            className="fr-mb-4w"
            severity="error"
            as="h2"
            title="Ce lien n'est plus valable : demandez-en un nouveau"
            description="Un lien de connexion ne sert qu'une fois, et pendant quelques minutes seulement."
          />
          <Button linkProps={{ to: newLinkPath }}>Recevoir un nouveau lien</Button>
        </>
      ) : (
        <Form method="post">
          <p>Votre lien de connexion est prêt : utilisez le bouton pour ouvrir votre session.</p>
          <input type="hidden" name="jeton" value={link.jeton} />
          {link.suite && <input type="hidden" name="suite" value={link.suite} />}
          <Button type="submit">Se connecter</Button>
        </Form>
      )}
    </>
  );
}
