// Sign-in: ProConnect when the instance has it, otherwise (or as well) a link sent by e-mail.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { isDemoSignInEnabled } from "~/auth/demo-sign-in.server";
import { LocalPathSchema } from "~/auth/local-path";
import { requestSignInLink, SIGN_IN_LINK_MINUTES } from "~/auth/magic-link.server";
import { OIDC_ERROR_MESSAGES } from "~/auth/oidc-errors";
import { config } from "~/config.server";
import { tooManyRequests } from "~/security/rate-limit.server";
import { pageTitle } from "~/ui/page-title";
import { readFormFields } from "~/http/form.server";

export const meta: MetaFunction = () => pageTitle("Se connecter");

// Remix passes only cookies from an action to the page it renders: the wait goes through here.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

// Where to go once signed in is a convenience: a bad value is dropped, never an error.
const RedirectToSchema = LocalPathSchema.optional().catch(undefined);

const QuerySchema = z.object({ redirectTo: RedirectToSchema, erreur: z.string().optional().catch(undefined) });

const EMAIL_FORMAT = "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.gouv.fr.";
const SignInLinkSchema = z.object({
  email: z
    .string({ error: "Saisissez votre adresse électronique." })
    .trim()
    .min(1, "Saisissez votre adresse électronique.")
    .pipe(z.email({ error: EMAIL_FORMAT }).max(254, EMAIL_FORMAT)),
  redirectTo: RedirectToSchema,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { redirectTo, erreur } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    redirectTo: redirectTo ?? null,
    proConnect: config().oidc !== null,
    proConnectError: erreur && Object.hasOwn(OIDC_ERROR_MESSAGES, erreur) ? OIDC_ERROR_MESSAGES[erreur] : null,
    demo: await isDemoSignInEnabled(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = SignInLinkSchema.safeParse(await readFormFields(request));
  if (!form.success) {
    return data({ outcome: "invalid" as const, errors: z.flattenError(form.error).fieldErrors }, { status: 400 });
  }
  const result = await requestSignInLink(form.data.email, context.clientAddress, form.data.redirectTo);
  switch (result.outcome) {
    case "sent":
      return data({
        outcome: "sent" as const,
        message: `Si cette adresse a accès à Jalon, un lien de connexion vient de lui être envoyé. Il est valable ${SIGN_IN_LINK_MINUTES} minutes.`,
      });
    case "rate-limited": {
      const refusal = tooManyRequests(result.retryAfterSeconds);
      return data(
        { outcome: "refused" as const, message: await refusal.text() },
        { status: refusal.status, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    }
    case "send-failed":
      return data(
        {
          outcome: "refused" as const,
          message:
            "Le courriel n'a pas pu être envoyé. Réessayez dans quelques minutes ; si le problème persiste, prévenez l'équipe qui gère Jalon.",
        },
        { status: 503 },
      );
  }
}

/** The button only needs to be a <button>, which submits its form: ProConnect starts with a POST. */
const submitsItsForm = () => undefined;

export default function SignIn() {
  const { redirectTo, proConnect, proConnectError, demo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const emailError = result?.outcome === "invalid" ? result.errors.email?.join(" ") : undefined;
  const keepRedirect = redirectTo && <input type="hidden" name="redirectTo" value={redirectTo} />;

  return (
    <>
      <h1>Se connecter</h1>
      {emailError && (
        <Alert
          className="fr-mb-4w"
          severity="error"
          as="h2"
          title="Le formulaire contient une erreur"
          description={
            <ul>
              <li>
                <a href="#courriel">{emailError}</a>
              </li>
            </ul>
          }
        />
      )}
      {proConnectError && (
        <Alert className="fr-mb-4w" severity="error" as="h2" title="La connexion avec ProConnect n'a pas abouti" description={proConnectError} />
      )}

      {proConnect && (
        <section className="fr-mb-6w">
          <h2>Avec ProConnect</h2>
          <p>Connectez-vous avec le compte de votre administration.</p>
          <Form method="post" action="/connexion/proconnect">
            {keepRedirect}
            <ProConnectButton onClick={submitsItsForm} />
          </Form>
        </section>
      )}

      <section className="fr-mb-6w">
        <h2>Recevoir un lien de connexion par courriel</h2>
        <div aria-live="polite">
          {result?.outcome === "sent" && (
            <Alert
              className="fr-mb-4w"
              severity="success"
              title="Vérifiez votre messagerie"
              description={result.message}
            />
          )}
          {result?.outcome === "refused" && (
            <Alert className="fr-mb-4w" severity="error" title="Le lien n'a pas été envoyé" description={result.message} />
          )}
        </div>
        {/* noValidate: the browser's own messages would replace the form's French ones. */}
        <Form method="post" noValidate>
          <Input
            label="Adresse électronique"
            hintText="Format attendu : prenom.nom@exemple.gouv.fr"
            state={emailError ? "error" : "default"}
            stateRelatedMessage={emailError}
            nativeInputProps={{
              id: "courriel",
              name: "email",
              type: "email",
              autoComplete: "email",
              required: true,
              "aria-invalid": emailError ? true : undefined,
            }}
          />
          {keepRedirect}
          <Button type="submit">Recevoir le lien</Button>
        </Form>
      </section>

      {demo && (
        <p>
          <Link className="fr-link" to="/connexion/demo">
            Essayer Jalon avec un profil de démonstration
          </Link>
        </p>
      )}
    </>
  );
}
