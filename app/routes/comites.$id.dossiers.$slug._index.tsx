import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { ButtonsGroup } from "@codegouvfr/react-dsfr/ButtonsGroup";
import { Highlight } from "@codegouvfr/react-dsfr/Highlight";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash, takeFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { ErrorSummary, FlashMessage, TextField, type FormState } from "~/admin/form-ui";
import { refusedForm } from "~/admin/refused-form.server";
import { forbidden, notFound } from "~/auth/viewer.server";
import { dossierOutline, versionLine } from "~/committees/dossier-outline";
import { dossierPath, dossierPdfPath, dossierPrintPath } from "~/committees/dossier-paths";
import { dossierDeadline, submissionRefusal } from "~/committees/dossier-rules";
import {
  DOSSIER_FORM_LABELS,
  DossierFormSchema,
  SECTION_HINTS,
  SECTION_LABELS,
  sectionsFormValues,
  type SectionField,
} from "~/committees/dossier-sections";
import { DossierView } from "~/committees/dossier-view";
import { DOSSIER_STATUS_LABELS } from "~/committees/dossier-wording";
import {
  askedVersion,
  dossierDraftForm,
  dossierVersions,
  readDossier,
  requireDossierAccess,
  saveDossier,
} from "~/committees/dossiers.server";
import { readFormFields } from "~/http/form.server";
import { formatDateTime, formatDay } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ id: z.string().min(1), slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { id, slug } = ParamsSchema.parse(params);
  const access = await requireDossierAccess(request, id, slug);
  const asked = askedVersion(request);
  const versions = await dossierVersions(access);
  // The team's page is its form; a version is read when asked for, and by the committee by default.
  const editing = access.mayWrite && asked === undefined;
  const shown = editing ? null : await readDossier(access, asked);
  if (asked !== undefined && !shown) throw notFound();
  const draft = editing ? await dossierDraftForm(access, versions) : null;
  const { session, product } = access;
  const { flash, headers } = await takeFlash(request);
  return data(
    {
      session: { id: session.id, title: session.title, startsAt: session.startsAt, incubator: session.incubator.name, deadline: dossierDeadline(session) },
      product,
      mayWrite: access.mayWrite,
      refusal: submissionRefusal(session, new Date()),
      versions: versions.map((v) => ({
        version: v.version,
        status: v.status,
        date: v.submittedAt ?? v.updatedAt,
        by: v.submittedBy?.name ?? null,
      })),
      shown: shown && {
        version: shown.meta.version,
        status: shown.meta.status,
        line: versionLine(shown.meta, shown.content),
        outline: dossierOutline(shown.content),
      },
      draft: draft && {
        values: sectionsFormValues(draft.sections),
        version: draft.version,
        previousObjectives: draft.previousObjectives,
      },
      flash,
    },
    { headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { id, slug } = ParamsSchema.parse(params);
  const access = await requireDossierAccess(request, id, slug);
  if (!access.mayWrite) throw forbidden();
  const form = parseForm(DossierFormSchema, await readFormFields(request));
  if (!form.success) return refusedForm(form.errors, form.values);
  const result = await saveDossier(access, form.data);
  const page = dossierPath(id, access.product.slug);
  switch (result.kind) {
    case "refused":
      return data({ errors: { form: [result.message] }, values: form.values }, { status: 409 });
    case "unchanged":
      return redirectWithFlash(page, `Vous n'avez rien modifié depuis la version ${result.version} déposée : aucune nouvelle version n'a été créée.`);
    case "saved":
      return redirectWithFlash(page, `Le brouillon de la version ${result.version} a été enregistré. Le comité ne le lira qu'une fois déposé.`);
    case "submitted":
      return redirectWithFlash(
        dossierPath(id, access.product.slug, result.version),
        `La version ${result.version} du dossier a été déposée : son contenu est figé, c'est celui que lit le comité.`,
      );
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Dossier de ${data.product.name} — ${data.session.title}` : "Dossier de comité");

const LONG_FIELDS: readonly SectionField[] = ["problem", "pastStrategy"];
const AFTER_RESULTS: readonly SectionField[] = ["learnings", "demoUrl", "nextStrategy", "askTeam", "askBudgetEuros", "askHypotheses", "askSuccessCriteria", "blockers"];

function SectionInput({ form, name }: { form: FormState; name: SectionField }) {
  const short = name === "demoUrl" || name === "askBudgetEuros";
  return (
    <TextField
      form={form}
      name={name}
      label={SECTION_LABELS[name]}
      hint={SECTION_HINTS[name]}
      type={name === "demoUrl" ? "url" : "text"}
      textArea={!short}
    />
  );
}

export default function DossierPage() {
  const { session, product, mayWrite, refusal, versions, shown, draft, flash } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const form: FormState = refused ?? { values: draft?.values ?? {}, errors: {} };
  const objectives = draft?.previousObjectives ?? null;
  const savedDraft = versions.find((v) => v.status === "draft");
  // Before anything is saved, the preview shows what a first version would say.
  const preview = savedDraft || versions.length === 0 ? dossierPrintPath(session.id, product.slug, savedDraft?.version) : null;

  return (
    <>
      <Breadcrumb
        segments={[
          { label: "Portefeuille", linkProps: { to: "/" } },
          { label: product.name, linkProps: { to: `/produits/${product.slug}` } },
        ]}
        currentPageLabel={`Dossier — ${session.title}`}
      />
      <FlashMessage message={flash} />
      <h1 className="fr-mb-2w">Dossier de {product.name}</h1>
      <p className="fr-text--lead fr-mb-1w">
        {session.title} — {session.incubator}, le {formatDateTime(session.startsAt)}
      </p>
      <p className="fr-mb-4w">Date limite de dépôt : {formatDateTime(session.deadline)}.</p>

      {shown && (
        <>
          <Alert
            className="fr-mb-3w"
            severity={shown.status === "submitted" ? "info" : "warning"}
            small
            description={shown.line}
          />
          <ButtonsGroup
            className="fr-mb-4w"
            inlineLayoutWhen="always"
            buttons={[
              { children: "Version imprimable", priority: "secondary", iconId: "fr-icon-printer-line", linkProps: { to: dossierPrintPath(session.id, product.slug, shown.version) } },
              {
                children: "Télécharger en PDF",
                priority: "secondary",
                iconId: "fr-icon-download-line",
                linkProps: { to: dossierPdfPath(session.id, product.slug, shown.version), reloadDocument: true },
              },
              ...(mayWrite ? [{ children: "Revenir à la rédaction", priority: "tertiary" as const, linkProps: { to: dossierPath(session.id, product.slug) } }] : []),
            ]}
          />
          <DossierView outline={shown.outline} />
        </>
      )}

      {!shown && !draft && <p>Aucune version de ce dossier n'a encore été déposée : le comité la lira ici dès son dépôt.</p>}

      {draft && (
        <section className="fr-mb-6w" aria-labelledby="redaction">
          <h2 id="redaction">Rédiger la version {draft.version}</h2>
          {refusal ? (
            <Alert className="fr-mb-4w" severity="warning" small description={refusal} />
          ) : (
            <>
              <p>
                Le dossier reprend automatiquement la fiche du produit, sa phase, son équipe, son financement, ses indicateurs,
                son coût par usage et la décision du comité précédent. Au dépôt, tout son contenu est figé : le comité lit cette
                version, même si le produit change ensuite. Vous pouvez déposer une nouvelle version jusqu'à la date limite.
              </p>
              {preview && (
                <p>
                  <Link to={preview}>Aperçu du brouillon, tel que le comité le lirait</Link>
                </p>
              )}
              <p className="fr-text--sm">
                Un brouillon peut rester incomplet. Pour déposer le dossier, renseignez au moins le problème, les résultats,
                la stratégie des six prochains mois, l'équipe et l'enveloppe demandées, et les critères de réussite.
              </p>
              <ErrorSummary errors={form.errors} labels={DOSSIER_FORM_LABELS} />
              <Form method="post" noValidate>
                {LONG_FIELDS.map((name) => (
                  <SectionInput key={name} form={form} name={name} />
                ))}
                <div className="fr-grid-row fr-grid-row--gutters">
                  <div className={objectives ? "fr-col-12 fr-col-md-6" : "fr-col-12"}>
                    <SectionInput form={form} name="results" />
                  </div>
                  {objectives && (
                    <div className="fr-col-12 fr-col-md-6">
                      <Highlight>
                        <strong>Critères de réussite acceptés au comité du {formatDay(new Date(objectives.sessionStartsAt))}</strong>
                        <span style={{ display: "block", whiteSpace: "pre-line" }}>
                          {objectives.successCriteria.trim() === "" ? "Non renseignés." : objectives.successCriteria}
                        </span>
                      </Highlight>
                    </div>
                  )}
                </div>
                {AFTER_RESULTS.map((name) => (
                  <SectionInput key={name} form={form} name={name} />
                ))}
                <ButtonsGroup
                  inlineLayoutWhen="md and up"
                  buttons={[
                    // react-dsfr sets a button's value from its own `value` prop, not from nativeButtonProps.
                    { children: "Enregistrer le brouillon", priority: "secondary", type: "submit", value: "save", nativeButtonProps: { name: "intent" } },
                    { children: "Déposer le dossier", type: "submit", value: "submit", nativeButtonProps: { name: "intent" } },
                  ]}
                />
              </Form>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="versions">
        <h2 id="versions">Versions</h2>
        {versions.length === 0 ? (
          <p>Aucune version n'a encore été {mayWrite ? "enregistrée" : "déposée"}.</p>
        ) : (
          <Table
            caption="Versions du dossier"
            noCaption
            headers={["Version", "État", "Date", "Déposée par", "Consulter"]}
            data={versions.map((v) => [
              String(v.version),
              DOSSIER_STATUS_LABELS[v.status],
              v.status === "submitted" ? `Déposée le ${formatDateTime(v.date)}` : `Modifié le ${formatDateTime(v.date)}`,
              v.by ?? "—",
              <span key="liens">
                <Link to={dossierPath(session.id, product.slug, v.version)}>Lire la version {v.version}</Link>
                {" · "}
                <a href={dossierPdfPath(session.id, product.slug, v.version)}>PDF</a>
              </span>,
            ])}
          />
        )}
      </section>
    </>
  );
}
