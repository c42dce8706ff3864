import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { StructureFormPage } from "~/admin/admin-page";
import { ORGANISATION_LABELS, OrganisationFields } from "~/admin/structure-fields";
import { OrganisationSchema } from "~/admin/structure-forms";
import { saveStructureForm, structureForm } from "~/admin/structure-pages.server";
import { ministryOptions, organisationFormValues, saveOrganisation } from "~/admin/structures.server";
import { pageTitle } from "~/ui/page-title";

const NEW = { slug: "", name: "", acronym: "", type: "autre", ministerialDomain: "", ministryId: "" };

export function loader({ request, params }: LoaderFunctionArgs) {
  return structureForm(request, params, { values: organisationFormValues, defaults: NEW, options: ministryOptions });
}

export function action({ request, params }: ActionFunctionArgs) {
  return saveStructureForm(request, params, {
    schema: OrganisationSchema,
    save: saveOrganisation,
    listPath: "/admin/organisations",
    savedMessage: (organisation, created) =>
      `L'organisation « ${organisation.name} » a été ${created ? "ajoutée" : "modifiée"}.`,
  });
}

const title = (id: string | null | undefined) => (id ? "Modifier l'organisation" : "Ajouter une organisation");

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(title(data?.id));

export default function OrganisationForm() {
  const { id, values, options } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <StructureFormPage
      section={{ label: "Organisations", path: "/admin/organisations" }}
      title={title(id)}
      labels={ORGANISATION_LABELS}
      errors={refused?.errors}
    >
      <OrganisationFields form={refused ?? { values, errors: {} }} ministries={options} />
    </StructureFormPage>
  );
}
