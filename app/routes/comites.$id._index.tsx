import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash, takeFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { ErrorSummary, FlashMessage } from "~/admin/form-ui";
import { refusedForm } from "~/admin/refused-form.server";
import { forbidden } from "~/auth/viewer.server";
import { outcomeText, SessionBreadcrumb, SessionStatusBadge } from "~/committees/committee-ui";
import { sendConvocation } from "~/committees/convocation.server";
import { dossierPath } from "~/committees/dossier-paths";
import { requireSession } from "~/committees/session-access.server";
import { formatTime } from "~/committees/times";
import { loadSessionPage } from "~/committees/session-page.server";
import { closeSession, openDeliberation } from "~/committees/session-steps.server";
import { PhaseBadge } from "~/components/phase-badge";
import { SEAT_LABELS } from "~/domain/committee-labels";
import { readFormFields } from "~/http/form.server";
import { formatDateTime } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireSession(request, params.id);
  const { session, rights } = access;
  const page = await loadSessionPage(access);
  const { flash, headers } = await takeFlash(request);
  return data({ session, rights, ...page, flash }, { headers });
}

const IntentSchema = z.object({
  intent: z.enum(["convene", "open-deliberation", "close"], { error: "Cette action n'existe pas : rechargez la page et réessayez." }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, session, rights } = await requireSession(request, params.id);
  const form = parseForm(IntentSchema, await readFormFields(request));
  if (!form.success) return refusedForm(form.errors, form.values);
  const path = `/comites/${session.id}`;
  switch (form.data.intent) {
    case "convene": {
      if (!rights.manage) throw forbidden();
      const sent = await sendConvocation(viewer.userId, session.id);
      if (!sent.ok) return refusedForm(sent.errors, form.values);
      const failures = sent.failed > 0 ? ` ${sent.failed} envoi(s) ont échoué : réessayez plus tard.` : "";
      return redirectWithFlash(
        path,
        sent.logged
          ? "La convocation a été préparée ; sans serveur d'envoi configuré, elle figure dans le journal du serveur."
          : `La convocation a été envoyée à ${sent.sent} membre${sent.sent > 1 ? "s" : ""}, avec l'invitation pour leur agenda.${failures}`,
      );
    }
    case "open-deliberation": {
      if (!rights.openDeliberation) throw forbidden();
      const opened = await openDeliberation(viewer.userId, session.id);
      if (!opened.ok) return refusedForm(opened.errors, form.values);
      return redirectWithFlash(path, "La délibération est ouverte : chaque membre voit désormais les votes des autres.");
    }
    case "close": {
      if (!rights.manage) throw forbidden();
      const closed = await closeSession(viewer.userId, session.id);
      if (!closed.ok) return refusedForm(closed.errors, form.values);
      return redirectWithFlash(path, "La séance est close. Le procès-verbal peut être relu puis publié.");
    }
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? data.session.title : "Séance du comité");

function StepButton({ intent, label, priority = "secondary" }: { intent: string; label: string; priority?: "primary" | "secondary" }) {
  return (
    <Form method="post">
      <Button type="submit" priority={priority} value={intent} nativeButtonProps={{ name: "intent" }}>
        {label}
      </Button>
    </Form>
  );
}

export default function SessionPage() {
  const { session, rights, chair, endsAt, members, votingMembers, agenda, undecided, flash } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const closed = session.closedAt !== null;
  const open = !closed && session.status !== "cancelled";
  const path = `/comites/${session.id}`;
  return (
    <>
      <SessionBreadcrumb current={session.title} />
      <h1>{session.title}</h1>
      <p className="fr-text--lead">
        {session.incubator.name} <SessionStatusBadge status={session.status} closed={closed} />
      </p>
      <FlashMessage message={flash} />
      <ErrorSummary errors={refused?.errors} labels={{}} title="L'action n'a pas abouti" />

      <ul>
        <li>
          Le {formatDateTime(session.startsAt)}
          {agenda.length > 0 ? `, fin prévue à ${formatTime(endsAt)}` : ""} (heure de Paris)
        </li>
        {session.location && <li>Lieu : {session.location}</li>}
        {session.videoUrl && (
          <li>
            Visioconférence : <a href={session.videoUrl}>{session.videoUrl}</a>
          </li>
        )}
        {session.dossierDeadline && <li>Dossiers à déposer avant le {formatDateTime(session.dossierDeadline)}</li>}
        <li>Présidence : {chair ?? "non désignée"}</li>
        <li>Convocation : {session.convocationSentAt ? `envoyée le ${formatDateTime(session.convocationSentAt)}` : "pas encore envoyée"}</li>
        <li>
          Délibération : {session.deliberationOpenedAt ? `ouverte le ${formatDateTime(session.deliberationOpenedAt)}` : "pas encore ouverte (chaque membre voit les votes des autres après avoir voté)"}
        </li>
        {closed && session.closedAt && <li>Close le {formatDateTime(session.closedAt)}</li>}
      </ul>

      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        {rights.manage && open && (
          <li>
            <Button iconId="fr-icon-edit-line" priority="secondary" linkProps={{ to: `${path}/modifier` }}>
              Modifier la séance
            </Button>
          </li>
        )}
        {rights.manage && open && (
          <li>
            <StepButton intent="convene" label={session.convocationSentAt ? "Envoyer à nouveau la convocation" : "Envoyer la convocation"} />
          </li>
        )}
        {rights.openDeliberation && open && !session.deliberationOpenedAt && (
          <li>
            <StepButton intent="open-deliberation" label="Ouvrir la délibération" />
          </li>
        )}
        {rights.manage && open && (
          <li>
            <StepButton intent="close" label="Clore la séance" priority="primary" />
          </li>
        )}
        <li>
          <Button iconId="fr-icon-calendar-line" priority="tertiary" linkProps={{ to: `${path}/invitation.ics`, reloadDocument: true }}>
            Ajouter à mon agenda (.ics)
          </Button>
        </li>
        <li>
          <Button iconId="fr-icon-file-text-line" priority="tertiary" linkProps={{ to: `${path}/proces-verbal` }}>
            Procès-verbal
          </Button>
        </li>
      </ul>
      {rights.manage && open && undecided > 0 && (
        <p className="fr-text--sm">
          La séance se clôt une fois que chaque produit de l'ordre du jour a sa décision ({undecided} en attente).
        </p>
      )}

      <h2>Ordre du jour</h2>
      {agenda.length === 0 ? (
        <p>Aucun produit n'est inscrit.{rights.manage && open ? " Ajoutez-en depuis « Modifier la séance »." : ""}</p>
      ) : (
        <Table
          caption={`Ordre du jour, ${votingMembers} membre${votingMembers > 1 ? "s" : ""} votant${votingMembers > 1 ? "s" : ""}`}
          headers={["Horaire", "Produit", "Phase", "Temps (présentation, questions, délibération)", "Dossier", "Votes", "Décision"]}
          data={agenda.map((item) => [
            formatTime(item.startsAt),
            <Link key="produit" to={`${path}/produits/${item.product.slug}`}>
              {item.product.name}
            </Link>,
            <PhaseBadge key="phase" phase={item.product.phase} />,
            `${item.timebox.presentationMinutes} + ${item.timebox.questionsMinutes} + ${item.timebox.deliberationMinutes} min`,
            <Link key="dossier" to={dossierPath(session.id, item.product.slug)} title={`Dossier de ${item.product.name}`}>
              Dossier
            </Link>,
            item.voteCount === 0 ? "Aucun" : `${item.voteCount} reçu${item.voteCount > 1 ? "s" : ""}${item.voted ? " (dont le vôtre)" : ""}`,
            item.decision ? outcomeText(item.decision.outcome, item.decision.targetPhase) : "En attente",
          ])}
        />
      )}

      <h2>Membres</h2>
      {members.length === 0 ? (
        <p>Aucun membre n'est encore désigné.</p>
      ) : (
        <Table
          caption="Membres de la séance"
          headers={["Nom", "Siège", ...(rights.manage ? ["Adresse"] : []), "Présence"]}
          data={members.map((m) => [
            `${m.name}${m.isChair ? " (présidence)" : ""}`,
            SEAT_LABELS[m.seat],
            ...(rights.manage ? [m.email ?? "sans compte"] : []),
            m.attended === null ? "Non relevée" : m.attended ? "Présent·e" : "Absent·e",
          ])}
        />
      )}
    </>
  );
}
