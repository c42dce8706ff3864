import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { StructureFormPage } from "~/admin/admin-page";
import { INCUBATOR_LABELS, IncubatorFields } from "~/admin/structure-fields";
import { IncubatorSchema } from "~/admin/structure-forms";
import { saveStructureForm, structureForm } from "~/admin/structure-pages.server";
import { incubatorFormValues, ministryOptions, organisationOptions, saveIncubator } from "~/admin/structures.server";
import { pageTitle } from "~/ui/page-title";

const NEW = {
  slug: "",
  name: "",
  description: "",
  website: "",
  ministryId: "",
  ownerOrganisationId: "",
  reviewIntervalMonths: "6",
};

async function choices() {
  const [ministries, organisations] = await Promise.all([ministryOptions(), organisationOptions()]);
  return { ministries, organisations };
}

export function loader({ request, params }: LoaderFunctionArgs) {
  return structureForm(request, params, { values: incubatorFormValues, defaults: NEW, options: choices });
}

export function action({ request, params }: ActionFunctionArgs) {
  return saveStructureForm(request, params, {
    schema: IncubatorSchema,
    save: saveIncubator,
    listPath: "/admin/incubateurs",
    savedMessage: (incubator, created) => `L'incubateur « ${incubator.name} » a été ${created ? "ajouté" : "modifié"}.`,
  });
}

const title = (id: string | null | undefined) => (id ? "Modifier l'incubateur" : "Ajouter un incubateur");

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(title(data?.id));

export default function IncubatorForm() {
  const { id, values, options } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <StructureFormPage
      section={{ label: "Incubateurs", path: "/admin/incubateurs" }}
      title={title(id)}
      labels={INCUBATOR_LABELS}
      errors={refused?.errors}
    >
      <IncubatorFields form={refused ?? { values, errors: {} }} {...options} />
    </StructureFormPage>
  );
}
