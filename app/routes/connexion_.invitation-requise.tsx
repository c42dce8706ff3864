// Where ProConnect sign-in ends for someone Jalon does not know (or no longer lets in): no account
// is created on the fly, access starts with an invitation.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { refusedAddress, requireOidc } from "~/auth/oidc.server";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Invitation requise");

// The page shows an e-mail address: no shared cache may keep it.
export const headers = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  requireOidc();
  return { email: await refusedAddress(request) };
}

export default function InvitationRequired() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Invitation requise</h1>
      <Alert
        className="fr-mb-4w"
        severity="info"
        as="h2"
        title="Votre adresse n'a pas encore accès à Jalon : demandez une invitation à votre incubateur"
        description={
          email ? (
            <>
              ProConnect vous a identifié avec l'adresse <strong>{email}</strong>. Un administrateur de votre
              incubateur peut vous inviter avec cette adresse ; vous pourrez ensuite vous connecter avec ProConnect.
            </>
          ) : (
            "Un administrateur de votre incubateur peut vous inviter avec votre adresse professionnelle ; vous pourrez ensuite vous connecter avec ProConnect."
          )
        }
      />
      <p>
        Si votre incubateur vous a invité avec une autre adresse, demandez-lui de la corriger. Le portefeuille et
        les pages des produits et des incubateurs restent consultables sans compte.
      </p>
      <Button linkProps={{ to: "/" }} priority="secondary">
        Revenir au portefeuille
      </Button>
    </>
  );
}
