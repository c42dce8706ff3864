import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { redirectWithFlash } from "~/admin/flash.server";
import { refusedForm } from "~/admin/refused-form.server";
import { SessionBreadcrumb } from "~/committees/committee-ui";
import { requireSession } from "~/committees/session-access.server";
import { SessionForm } from "~/committees/session-form";
import { parseSessionForm } from "~/committees/session-forms";
import { memberCandidates, sessionEditChoices, sessionValues, updateSession } from "~/committees/sessions.server";
import { readFormFields } from "~/http/form.server";
import { pageTitle } from "~/ui/page-title";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireSession(request, params.id, "manage");
  const [values, people, choices] = await Promise.all([
    sessionValues(session.id),
    memberCandidates(session.incubatorId, session.id),
    sessionEditChoices(session),
  ]);
  return { session: { id: session.id, title: session.title, closed: session.closedAt !== null }, values, people, ...choices };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, session } = await requireSession(request, params.id, "manage");
  const form = parseSessionForm(await readFormFields(request), true);
  if (!form.success) return refusedForm(form.errors, form.values);
  const saved = await updateSession(viewer.userId, session.id, form.data);
  if (!saved.ok) return refusedForm(saved.errors, form.values);
  return redirectWithFlash(`/comites/${session.id}`, "La séance est enregistrée.");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Modifier — ${data.session.title}` : "Modifier la séance");

export default function EditSession() {
  const { session, values, people, agendaProducts, addOptions } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <SessionBreadcrumb session={session} current="Modifier la séance" />
      <h1>Modifier la séance</h1>
      <p className="fr-text--lead">{session.title}</p>
      {session.closed ? (
        <Alert severity="info" small description="La séance est close : elle ne se modifie plus." className="fr-mb-4w" />
      ) : (
        <SessionForm
          form={refused ?? { values, errors: {} }}
          mode="edit"
          people={people}
          agendaProducts={agendaProducts}
          addOptions={addOptions}
          submitLabel="Enregistrer la séance"
          cancelTo={`/comites/${session.id}`}
        />
      )}
    </>
  );
}
