import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/admin/flash.server";
import { refusedForm } from "~/admin/refused-form.server";
import { SessionBreadcrumb } from "~/committees/committee-ui";
import { requireSessionPlanner } from "~/committees/session-access.server";
import { SessionForm } from "~/committees/session-form";
import { parseSessionForm } from "~/committees/session-forms";
import { createSession, memberCandidates, newSessionValues } from "~/committees/sessions.server";
import { readFormFields } from "~/http/form.server";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { incubator } = await requireSessionPlanner(request, slug);
  const [values, people] = await Promise.all([newSessionValues(incubator.id), memberCandidates(incubator.id, null)]);
  return { incubator: { slug: incubator.slug, name: incubator.name }, values, people };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, incubator } = await requireSessionPlanner(request, slug);
  const form = parseSessionForm(await readFormFields(request), false);
  if (!form.success) return refusedForm(form.errors, form.values);
  const saved = await createSession(viewer.userId, incubator.id, form.data);
  if (!saved.ok) return refusedForm(saved.errors, form.values);
  const agenda =
    saved.proposed === 0
      ? "Aucun produit n'est à revoir dans sa fenêtre : ajoutez-les depuis « Modifier la séance »."
      : `L'ordre du jour proposé compte ${saved.proposed} produit${saved.proposed > 1 ? "s" : ""} : vérifiez-le avant de convoquer.`;
  return redirectWithFlash(`/comites/${saved.sessionId}`, `La séance est planifiée. ${agenda}`);
}

export const meta: MetaFunction = () => pageTitle("Planifier une séance du comité");

export default function NewSession() {
  const { incubator, values, people } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <SessionBreadcrumb current="Planifier une séance" />
      <h1>Planifier une séance du comité</h1>
      <p className="fr-text--lead">{incubator.name}</p>
      <SessionForm
        form={refused ?? { values, errors: {} }}
        mode="create"
        people={people}
        submitLabel="Planifier la séance"
        cancelTo="/comites"
      />
    </>
  );
}
