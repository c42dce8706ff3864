import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { ErrorSummary } from "~/admin/form-ui";
import { refusedForm } from "~/admin/refused-form.server";
import { isoDay, today } from "~/domain/days";
import { FundingBreadcrumb, financementPath } from "~/funding/budget-ui";
import { EnvelopeFields } from "~/funding/envelope-fields";
import { ENVELOPE_FIELD_LABELS, EnvelopeSchema } from "~/funding/envelope-form";
import { createEnvelope, funderChoices } from "~/funding/envelopes.server";
import { readFormFields } from "~/http/form.server";
import { requireProductPermission } from "~/products/product-access.server";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { product } = await requireProductPermission(request, slug, "funding.edit");
  return {
    product,
    funders: await funderChoices(),
    values: { debut: isoDay(today()), origine: "sponsor_budget", statut: "granted" } as Record<string, string>,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, product } = await requireProductPermission(request, slug, "funding.edit");
  const form = parseForm(EnvelopeSchema, await readFormFields(request));
  if (!form.success) return refusedForm(form.errors, form.values);
  const result = await createEnvelope(viewer.userId, product.id, form.data);
  if (!result.ok) return refusedForm(result.errors, form.values);
  return redirectWithFlash(financementPath(product.slug), "L'enveloppe a été enregistrée.");
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Nouvelle enveloppe · ${data.product.name}` : "Nouvelle enveloppe");

export default function NewEnvelope() {
  const { product, funders, values } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const form = refused ?? { values, errors: {} };
  return (
    <>
      <FundingBreadcrumb product={product} current="Nouvelle enveloppe" />
      <h1>Nouvelle enveloppe</h1>
      <p className="fr-text--lead">{product.name}</p>
      <ErrorSummary errors={refused?.errors} labels={ENVELOPE_FIELD_LABELS} />
      <p className="fr-text--sm">Les champs sans mention « facultatif » sont obligatoires.</p>
      <Form method="post" noValidate className="fr-col-12 fr-col-md-8">
        <EnvelopeFields form={form} funders={funders} />
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Button type="submit">Enregistrer l'enveloppe</Button>
          </li>
          <li>
            <Button priority="tertiary" linkProps={{ to: financementPath(product.slug) }}>
              Annuler
            </Button>
          </li>
        </ul>
      </Form>
    </>
  );
}
