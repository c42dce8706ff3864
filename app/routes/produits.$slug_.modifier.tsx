import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { refusedForm } from "~/admin/refused-form.server";
import { forbidden } from "~/auth/viewer.server";
import { readFormFields } from "~/http/form.server";
import { productEditForm, requireProductEditor, saveProductEdit } from "~/products/product-editing.server";
import { AttachmentFields, ConflictNotice, IdentityFields, ProductFormPage, ProfileFields } from "~/products/product-fields";
import { namesStaffField, ProductEditSchema, ProductProfileSchema } from "~/products/product-form";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { product, access } = await requireProductEditor(request, slug, "redirect");
  return { product: { slug: product.slug, name: product.name }, access, ...(await productEditForm(product.id, access)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, product, access } = await requireProductEditor(request, slug, "follow");
  const values = await readFormFields(request);
  // The team's form has none of the staff's fields: a request that sets one was forged. Refused
  // whole, rather than applied in part.
  if (access === "profile" && namesStaffField(values)) throw forbidden();
  const form = parseForm(access === "full" ? ProductEditSchema : ProductProfileSchema, values);
  if (!form.success) return refusedForm(form.errors, form.values);
  const result = await saveProductEdit(viewer.userId, product.id, access, form.data);
  switch (result.kind) {
    case "refused":
      return refusedForm(result.errors, values);
    case "conflict":
      // The form comes back as typed, now based on the current version: saving it again is a choice
      // made with the table of changes in view.
      return data(
        { errors: {}, values: { ...values, version: String(result.version) }, conflict: result.rows },
        { status: 409 },
      );
    case "unchanged":
      return redirectWithFlash(`/produits/${result.slug}`, "Vous n'avez rien modifié : la fiche est inchangée.");
    case "saved":
      return redirectWithFlash(`/produits/${result.slug}`, "Vos modifications ont été enregistrées.");
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Modifier ${data.product.name}` : "Modifier un produit");

export default function EditProduct() {
  const { product, access, values, choices, primaryIncubator } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const form = refused ?? { values, errors: {} };
  const conflict = refused && "conflict" in refused ? refused.conflict : null;
  return (
    <ProductFormPage
      segments={[
        { label: "Portefeuille", linkProps: { to: "/" } },
        { label: product.name, linkProps: { to: `/produits/${product.slug}` } },
      ]}
      title={`Modifier ${product.name}`}
      intro={
        access === "profile" && (
          <p>
            Vous pouvez modifier le pitch, la description, les liens et la qualité du produit. Son nom, son adresse, ses
            sponsors, sa co-incubation et sa visibilité sont modifiés par l'équipe de l'incubateur.
          </p>
        )
      }
      errors={refused?.errors}
      notice={conflict && <ConflictNotice rows={conflict} />}
      submitLabel="Enregistrer"
    >
      {/* The version the form was loaded at: a save made from an older one is refused. */}
      <input type="hidden" name="version" value={form.values.version ?? ""} />
      {access === "full" && <IdentityFields form={form} />}
      <ProfileFields form={form} />
      {access === "full" && choices && (
        <AttachmentFields form={form} choices={choices} primaryIncubator={primaryIncubator} />
      )}
    </ProductFormPage>
  );
}
