import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { redirectWithFlash, takeFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { ErrorSummary, FlashMessage, TextField } from "~/admin/form-ui";
import { refusedForm } from "~/admin/refused-form.server";
import { ApiTokenActionSchema } from "~/api/api-token-forms";
import { createApiToken, listApiTokens, revokeApiToken } from "~/api/api-tokens.server";
import { config } from "~/config.server";
import { readFormFields } from "~/http/form.server";
import { requireProductPermission } from "~/products/product-access.server";
import { ProductSubpageHeader } from "~/products/product-subpage";
import { formatDateTime } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

const LABELS = { name: "Nom du jeton", tokenId: "Jeton" };

// The page may show a secret: no cache, neither the browser's nor a proxy's.
export const headers = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { product } = await requireProductPermission(request, slug, "indicator.write");
  const tokens = await listApiTokens(product.id);
  const { flash, headers } = await takeFlash(request);
  const endpoint = `${config().appUrl}/api/v1/products/${product.slug}/indicator-values`;
  return data({ product, tokens, endpoint, openApiUrl: `${config().appUrl}/api/v1/openapi.json`, flash }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, product } = await requireProductPermission(request, slug, "indicator.write");
  const form = parseForm(ApiTokenActionSchema, await readFormFields(request));
  if (!form.success) return refusedForm(form.errors, form.values);
  if (form.data.intent === "create") {
    // Answered on this page rather than after a redirection: the secret must not travel in a cookie.
    const created = await createApiToken(viewer, product, form.data.name);
    return { created: { name: created.name, token: created.token } };
  }
  if (!(await revokeApiToken(viewer, product, form.data.tokenId))) {
    return refusedForm({ tokenId: ["Ce jeton n'existe pas ou a déjà été révoqué."] }, form.values);
  }
  return redirectWithFlash(`/produits/${product.slug}/jetons`, "Le jeton a été révoqué : il ne permet plus d'envoyer de valeurs.");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(`Jetons API${data ? ` · ${data.product.name}` : ""}`);

function CreatedToken({ name, token }: { name: string; token: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard.writeText(token).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <Alert
      className="fr-mb-4w"
      severity="success"
      title={`Jeton « ${name} » créé`}
      description={
        <>
          <p>Copiez-le maintenant et gardez-le en lieu sûr : il ne sera plus jamais affiché. Jalon n'en conserve qu'une empreinte.</p>
          <Input label="Jeton" nativeInputProps={{ readOnly: true, value: token, onFocus: (e) => e.currentTarget.select(), spellCheck: false }} />
          <Button type="button" priority="secondary" size="small" iconId="fr-icon-clipboard-line" onClick={copy}>
            Copier le jeton
          </Button>
          <span aria-live="polite" className="fr-ml-2w">
            {copied ? "Jeton copié." : ""}
          </span>
        </>
      }
    />
  );
}

export default function ApiTokensPage() {
  const { product, tokens, endpoint, openApiUrl, flash } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const created = result && "created" in result ? result.created : null;
  const refused = result && "errors" in result ? result : null;
  const createForm = refused?.values.intent === "create" ? refused : { values: {}, errors: {} };
  const { key } = useLocation();
  const example = `curl -X POST ${endpoint} \\
  -H "Authorization: Bearer <jeton>" \\
  -H "Content-Type: application/json" \\
  -d '{"values": [{"indicator": "Utilisateurs actifs mensuels", "period": "2026-10", "value": 1234}]}'`;

  return (
    <>
      <ProductSubpageHeader product={product} title="Jetons API" />
      <FlashMessage message={flash} />
      <p>
        Un jeton permet à un programme (Matomo, le script de votre page /stats…) d'envoyer les valeurs des indicateurs de{" "}
        {product.name} sans passer par un formulaire. Il n'écrit que dans ce produit. Il reste valable quand la personne
        qui l'a créé quitte l'équipe : révoquez-le si une personne qui le connaît s'en va, ou s'il a pu fuiter.
      </p>
      <ErrorSummary errors={refused?.errors} labels={LABELS} title="Votre demande n'a pas abouti" />
      {created && <CreatedToken name={created.name} token={created.token} />}

      <h2>Créer un jeton</h2>
      <Form key={key} method="post" noValidate className="fr-col-12 fr-col-md-8 fr-mb-6w">
        <input type="hidden" name="intent" value="create" />
        <TextField form={createForm} name="name" label={LABELS.name} hint="Ce qui l'utilisera, par exemple « Matomo »." required />
        <Button type="submit">Créer le jeton</Button>
      </Form>

      <h2>Jetons du produit</h2>
      {tokens.length === 0 ? (
        <p>Aucun jeton n'a encore été créé pour ce produit.</p>
      ) : (
        <Table
          caption={`Jetons API de ${product.name}`}
          noCaption
          headers={["Nom", "Début du jeton", "Créé", "Dernière utilisation", "État"]}
          data={tokens.map((token) => [
            token.name,
            <code key="prefix">{token.prefix}…</code>,
            `le ${formatDateTime(token.createdAt)}${token.createdByName ? ` par ${token.createdByName}` : ""}`,
            token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Jamais",
            token.revokedAt ? (
              <Badge key="state" as="span" small noIcon>
                {`Révoqué le ${formatDateTime(token.revokedAt)}`}
              </Badge>
            ) : (
              <Form key="revoke" method="post">
                <Badge as="span" small severity="success" noIcon className="fr-mb-1w">
                  Actif
                </Badge>
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="tokenId" value={token.id} />
                <Button type="submit" priority="secondary" size="small" title={`Révoquer le jeton ${token.name}`}>
                  Révoquer
                </Button>
              </Form>
            ),
          ])}
        />
      )}

      <h2>Envoyer des valeurs</h2>
      <p>
        Une requête <code>POST</code> sur <code>{endpoint}</code>, avec le jeton dans l'en-tête <code>Authorization</code>{" "}
        et jusqu'à 1 000 valeurs en JSON. Le lot est enregistré en entier ou pas du tout ; le renvoyer ne change rien.
      </p>
      <pre className="fr-p-2w" style={{ overflowX: "auto", background: "var(--background-alt-grey)" }}>
        <code>{example}</code>
      </pre>
      <p>
        Description complète (OpenAPI) : <a href={openApiUrl}>{openApiUrl}</a>. Pour un envoi ponctuel depuis un tableur,{" "}
        <Link to={`/produits/${product.slug}/indicateurs/import`}>importez un fichier CSV</Link>.
      </p>
    </>
  );
}
