import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { ErrorSummary } from "~/admin/form-ui";
import { refusedForm } from "~/admin/refused-form.server";
import { notFound } from "~/auth/viewer.server";
import { day } from "~/domain/days";
import { FundingBreadcrumb, financementPath } from "~/funding/budget-ui";
import { EnvelopeFields } from "~/funding/envelope-fields";
import { ENVELOPE_FIELD_LABELS, EnvelopeEditSchema, envelopeFormValues } from "~/funding/envelope-form";
import { findEnvelope, funderChoices, updateEnvelope } from "~/funding/envelopes.server";
import { readFormFields } from "~/http/form.server";
import { requireProductPermission } from "~/products/product-access.server";
import { formatDay } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1), id: z.string() });

async function requireEnvelope(request: Request, params: unknown) {
  const { slug, id } = ParamsSchema.parse(params);
  const access = await requireProductPermission(request, slug, "funding.edit");
  const envelope = z.uuid().safeParse(id).success ? await findEnvelope(access.product.id, id) : null;
  if (!envelope) throw notFound();
  return { ...access, envelope };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { product, envelope } = await requireEnvelope(request, params);
  return {
    product,
    funders: await funderChoices(),
    values: envelopeFormValues(envelope),
    decidedOn: envelope.decision && formatDay(envelope.decision.decidedOn),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, product, envelope } = await requireEnvelope(request, params);
  const values = await readFormFields(request);
  const form = parseForm(EnvelopeEditSchema, values);
  if (!form.success) return refusedForm(form.errors, form.values);
  const { version, ...input } = form.data;
  const result = await updateEnvelope(viewer.userId, product.id, envelope.id, version, input);
  if ("conflict" in result) {
    // The form comes back as typed, now based on the current version: saving it again is a choice
    // made with the current values in view.
    const current = await findEnvelope(product.id, envelope.id);
    return data(
      { errors: {}, values: { ...values, version: String(result.version) }, current: current && envelopeFormValues(current) },
      { status: 409 },
    );
  }
  if (!result.ok) return refusedForm(result.errors, values);
  return redirectWithFlash(
    financementPath(product.slug),
    result.changed ? "L'enveloppe a été modifiée." : "Vous n'avez rien modifié : l'enveloppe est inchangée.",
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Modifier une enveloppe · ${data.product.name}` : "Modifier une enveloppe");

function ConflictNotice({ current, funders }: { current: Record<string, string>; funders: { value: string; label: string }[] }) {
  const funder = funders.find((f) => f.value === current.financeur)?.label ?? "";
  return (
    <Alert
      className="fr-mb-4w"
      as="h2"
      severity="error"
      title="Vos modifications n'ont pas été enregistrées"
      description={
        <>
          <p>
            Quelqu'un a modifié cette enveloppe après que vous avez ouvert ce formulaire : rien n'a été remplacé. Vos
            saisies sont conservées ci-dessous ; en enregistrant à nouveau, elles remplaceront les valeurs actuelles :
          </p>
          <p>
            {`${funder}, ${current.montant.replace(".", ",")} €, du ${formatDay(day(current.debut))} au ${formatDay(day(current.fin))}.`}
          </p>
        </>
      }
    />
  );
}

export default function EditEnvelope() {
  const { product, funders, values, decidedOn } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const form = refused ?? { values, errors: {} };
  const current = refused && "current" in refused ? refused.current : null;
  return (
    <>
      <FundingBreadcrumb product={product} current="Modifier une enveloppe" />
      <h1>Modifier une enveloppe</h1>
      <p className="fr-text--lead">{product.name}</p>
      {decidedOn && <p>Cette enveloppe a été accordée par la décision du comité du {decidedOn}.</p>}
      {current && <ConflictNotice current={current} funders={funders} />}
      <ErrorSummary errors={refused?.errors} labels={ENVELOPE_FIELD_LABELS} />
      <p className="fr-text--sm">Les champs sans mention « facultatif » sont obligatoires.</p>
      <Form method="post" noValidate className="fr-col-12 fr-col-md-8">
        {/* The version the form was loaded at: a save made from an older one is refused. */}
        <input type="hidden" name="version" value={form.values.version ?? ""} />
        <EnvelopeFields form={form} funders={funders} />
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Button type="submit">Enregistrer</Button>
          </li>
          <li>
            <Button priority="tertiary" linkProps={{ to: financementPath(product.slug) }}>
              Annuler
            </Button>
          </li>
        </ul>
      </Form>
    </>
  );
}
