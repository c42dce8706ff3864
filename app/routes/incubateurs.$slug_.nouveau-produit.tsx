import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { TextField } from "~/admin/form-ui";
import { refusedForm } from "~/admin/refused-form.server";
import { readFormFields } from "~/http/form.server";
import { createProduct, newProductValues, productChoices, requireProductCreator } from "~/products/product-editing.server";
import { AttachmentFields, IdentityFields, ProductFormPage, ProfileFields } from "~/products/product-fields";
import { ProductCreateSchema } from "~/products/product-form";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { incubator } = await requireProductCreator(request, slug);
  return { incubator: { slug: incubator.slug, name: incubator.name }, values: newProductValues(), choices: await productChoices(incubator.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, incubator } = await requireProductCreator(request, slug);
  const form = parseForm(ProductCreateSchema, await readFormFields(request));
  if (!form.success) return refusedForm(form.errors, form.values);
  const created = await createProduct(viewer.userId, incubator.id, form.data);
  if (!created.ok) return refusedForm(created.errors, form.values);
  return redirectWithFlash(`/produits/${created.slug}`, `Le produit « ${form.data.name} » a été créé.`);
}

export const meta: MetaFunction = () => pageTitle("Nouveau produit");

export default function NewProduct() {
  const { incubator, values, choices } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const form = refused ?? { values, errors: {} };
  return (
    <ProductFormPage
      segments={[
        { label: "Incubateurs", linkProps: { to: "/incubateurs" } },
        { label: incubator.name, linkProps: { to: `/incubateurs/${incubator.slug}` } },
      ]}
      title="Nouveau produit"
      intro={<p>Le produit est créé dans l'incubateur {incubator.name}, en phase d'investigation.</p>}
      errors={refused?.errors}
      submitLabel="Créer le produit"
    >
      <IdentityFields form={form} propose />
      <ProfileFields form={form} />
      <AttachmentFields form={form} choices={choices} primaryIncubator={incubator.name} />
      <TextField
        form={form}
        name="phaseStartDate"
        label="Début de l'investigation"
        hint="La date à laquelle l'investigation a commencé ou commencera."
        type="date"
        required
      />
    </ProductFormPage>
  );
}
