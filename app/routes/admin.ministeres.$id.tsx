import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { StructureFormPage } from "~/admin/admin-page";
import { MINISTRY_LABELS, MinistryFields } from "~/admin/structure-fields";
import { MinistrySchema } from "~/admin/structure-forms";
import { saveStructureForm, structureForm } from "~/admin/structure-pages.server";
import { ministryFormValues, saveMinistry } from "~/admin/structures.server";
import { pageTitle } from "~/ui/page-title";

const NEW = { slug: "", name: "", shortName: "" };

export function loader({ request, params }: LoaderFunctionArgs) {
  return structureForm(request, params, { values: ministryFormValues, defaults: NEW, options: async () => null });
}

export function action({ request, params }: ActionFunctionArgs) {
  return saveStructureForm(request, params, {
    schema: MinistrySchema,
    save: saveMinistry,
    listPath: "/admin/ministeres",
    savedMessage: (ministry, created) => `Le ministère « ${ministry.name} » a été ${created ? "ajouté" : "modifié"}.`,
  });
}

const title = (id: string | null | undefined) => (id ? "Modifier le ministère" : "Ajouter un ministère");

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(title(data?.id));

export default function MinistryForm() {
  const { id, values } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <StructureFormPage
      section={{ label: "Ministères", path: "/admin/ministeres" }}
      title={title(id)}
      labels={MINISTRY_LABELS}
      errors={refused?.errors}
    >
      <MinistryFields form={refused ?? { values, errors: {} }} />
    </StructureFormPage>
  );
}
