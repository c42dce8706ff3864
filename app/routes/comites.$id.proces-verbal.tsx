import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash, takeFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { ErrorSummary, FlashMessage, SelectField } from "~/admin/form-ui";
import { refusedForm } from "~/admin/refused-form.server";
import { forbidden } from "~/auth/viewer.server";
import { DecisionFacts, SessionBreadcrumb, TallySummary } from "~/committees/committee-ui";
import printCss from "~/committees/minutes-print.css?url";
import { requireSession } from "~/committees/session-access.server";
import { ATTENDANCE_OPTIONS, ATTENDANCE_PREFIX, parseAttendance } from "~/committees/session-forms";
import { loadMinutes } from "~/committees/session-page.server";
import { publishMinutes, recordAttendance } from "~/committees/session-steps.server";
import { formatTime } from "~/committees/times";
import { PhaseBadge } from "~/components/phase-badge";
import { SEAT_LABELS } from "~/domain/committee-labels";
import { readFormFields } from "~/http/form.server";
import { formatDateTime } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireSession(request, params.id);
  const minutes = await loadMinutes(access);
  const { flash, headers } = await takeFlash(request);
  return data({ session: access.session, rights: access.rights, ...minutes, flash }, { headers });
}

const IntentSchema = z.object({
  intent: z.enum(["attendance", "publish"], { error: "Cette action n'existe pas : rechargez la page et réessayez." }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, session, rights } = await requireSession(request, params.id);
  const values = await readFormFields(request);
  const form = parseForm(IntentSchema, values);
  if (!form.success) return refusedForm(form.errors, values);
  if (!rights.manage) throw forbidden();
  const path = `/comites/${session.id}/proces-verbal`;
  const result =
    form.data.intent === "attendance"
      ? await recordAttendance(viewer.userId, session.id, parseAttendance(values))
      : await publishMinutes(viewer.userId, session.id);
  if (!result.ok) return refusedForm(result.errors, values);
  return redirectWithFlash(
    path,
    form.data.intent === "attendance" ? "La liste de présence est enregistrée." : "Le procès-verbal est publié.",
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Procès-verbal — ${data.session.title}` : "Procès-verbal");

const attendanceText = (attended: boolean | null) => (attended === null ? "Non relevée" : attended ? "Présent·e" : "Absent·e");

export default function Minutes() {
  const { session, rights, chair, closed, members, items, flash } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const attendanceForm = {
    errors: {},
    values: Object.fromEntries(members.map((m) => [`${ATTENDANCE_PREFIX}${m.id}`, m.attended === null ? "" : m.attended ? "present" : "absent"])),
  };
  return (
    <div className="jalon-minutes">
      <SessionBreadcrumb session={session} current="Procès-verbal" />
      <h1>Procès-verbal du comité d'investissement</h1>
      <p className="fr-text--lead">
        {session.incubator.name} — {session.title}
      </p>
      <div className="jalon-no-print">
        <FlashMessage message={flash} />
        <ErrorSummary errors={refused?.errors} labels={{}} title="L'action n'a pas abouti" />
      </div>
      {!closed && (
        <Alert
          className="fr-mb-4w"
          severity="info"
          small
          description="Projet : la séance n'est pas close. Le procès-verbal est définitif une fois chaque décision enregistrée et la séance close."
        />
      )}
      <p>
        Séance du {formatDateTime(session.startsAt)} (heure de Paris)
        {session.location ? `, ${session.location}` : ""}
        {session.videoUrl ? `, en visioconférence` : ""}. Présidence : {chair ?? "non désignée"}.
        {session.minutesPublishedAt ? ` Procès-verbal publié le ${formatDateTime(session.minutesPublishedAt)}.` : ""}
      </p>

      <ul className="fr-btns-group fr-btns-group--inline-md jalon-no-print">
        <li>
          <Button type="button" priority="secondary" iconId="fr-icon-printer-line" nativeButtonProps={{ onClick: () => window.print() }}>
            Imprimer
          </Button>
        </li>
        <li>
          <Button priority="secondary" iconId="fr-icon-download-line" linkProps={{ to: `/comites/${session.id}/proces-verbal.pdf`, reloadDocument: true }}>
            Télécharger le PDF
          </Button>
        </li>
        {rights.manage && closed && !session.minutesPublishedAt && (
          <li>
            <Form method="post">
              <Button type="submit" value="publish" nativeButtonProps={{ name: "intent" }}>
                Publier le procès-verbal
              </Button>
            </Form>
          </li>
        )}
      </ul>

      <section>
        <h2>Présences</h2>
        {members.length === 0 ? (
          <p>Aucun membre n'a été désigné.</p>
        ) : (
          <Table
            caption="Membres de la séance et leur présence"
            headers={["Nom", "Siège", "Présence"]}
            data={members.map((m) => [m.name, SEAT_LABELS[m.seat], attendanceText(m.attended)])}
          />
        )}
        {rights.manage && !closed && members.length > 0 && (
          <details className="fr-mb-4w jalon-no-print">
            <summary>Relever les présences</summary>
            <Form method="post" className="fr-col-12 fr-col-md-8">
              {members.map((m) => (
                <SelectField
                  key={m.id}
                  form={attendanceForm}
                  name={`${ATTENDANCE_PREFIX}${m.id}`}
                  label={`${m.name} (${SEAT_LABELS[m.seat]})`}
                  options={ATTENDANCE_OPTIONS}
                  emptyLabel="Non relevée"
                />
              ))}
              <Button type="submit" value="attendance" nativeButtonProps={{ name: "intent" }}>
                Enregistrer les présences
              </Button>
            </Form>
          </details>
        )}
      </section>

      {items.map((item, i) => (
        <section key={item.product.slug} className="fr-mt-6w">
          <h2>
            {i + 1}. {item.product.name}
          </h2>
          <p>
            Examiné à {formatTime(item.startsAt)} · <PhaseBadge phase={item.product.phase} />
          </p>
          {item.tally ? (
            <TallySummary tally={item.tally} caption={`Votes sur ${item.product.name}`} />
          ) : (
            <p>Les votes sont en cours : ils figureront au procès-verbal après la délibération.</p>
          )}
          {item.conflicts.length > 0 && (
            <p>Conflit d'intérêts déclaré, sans participation au vote : {item.conflicts.join(", ")}.</p>
          )}
          {item.decisions.length === 0 ? (
            <p>
              <strong>Aucune décision n'est encore enregistrée.</strong>
            </p>
          ) : (
            item.decisions.map((d) => <DecisionFacts key={d.id} decision={d} internal />)
          )}
        </section>
      ))}
    </div>
  );
}
