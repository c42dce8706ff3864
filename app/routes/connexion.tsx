import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Se connecter");

export default function SignIn() {
  return (
    <>
      <h1>Se connecter</h1>
      <Alert
        severity="info"
        title="La connexion arrive bientôt"
        description="Vous pourrez bientôt vous connecter avec ProConnect ou avec un lien reçu par courriel. En attendant, le portefeuille et les pages des produits et des incubateurs restent consultables sans compte."
      />
    </>
  );
}
