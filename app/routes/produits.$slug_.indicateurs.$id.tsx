import { Button } from "@codegouvfr/react-dsfr/Button";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { ErrorSummary } from "~/admin/form-ui";
import { refusedForm } from "~/admin/refused-form.server";
import { notFound } from "~/auth/viewer.server";
import { readFormFields } from "~/http/form.server";
import {
  loadIndicatorForm,
  NEW_INDICATOR_VALUES,
  removeIndicator,
  restoreIndicator,
  saveIndicator,
} from "~/indicators/definitions.server";
import { IndicatorFields, indicatorFieldLabels } from "~/indicators/indicator-fields";
import { IndicatorPageIntentSchema, parseIndicatorForm, targetRowCount } from "~/indicators/indicator-form";
import { IndicatorBreadcrumb } from "~/indicators/indicator-ui";
import { requireProductPermission } from "~/products/product-access.server";
import { formatDay } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1), id: z.string() });
const IdSchema = z.union([z.literal("nouveau"), z.uuid()]);

/** The product (the viewer may define its indicators) and the indicator edited, null on `/nouveau`. */
async function open(request: Request, params: LoaderFunctionArgs["params"]) {
  const { slug, id } = ParamsSchema.parse(params);
  const access = await requireProductPermission(request, slug, "indicator.write");
  const parsed = IdSchema.safeParse(id);
  if (!parsed.success) throw notFound();
  return { ...access, id: parsed.data === "nouveau" ? null : parsed.data };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { product, id } = await open(request, params);
  if (id === null) {
    return { product, id, name: null, matrixCode: null, archivedAt: null, valueCount: 0, values: NEW_INDICATOR_VALUES };
  }
  const indicator = await loadIndicatorForm(product.id, id);
  if (!indicator) throw notFound();
  return { product, id, ...indicator };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, product, id } = await open(request, params);
  const fields = await readFormFields(request);
  const list = `/produits/${product.slug}/indicateurs`;
  const intent = parseForm(IndicatorPageIntentSchema, fields);
  if (!intent.success) return refusedForm(intent.errors, intent.values);
  if (intent.data.intent !== "save") {
    if (id === null) throw notFound();
    if (intent.data.intent === "restore") {
      const name = await restoreIndicator(viewer.userId, product.id, id);
      return redirectWithFlash(list, `L'indicateur « ${name} » est de nouveau suivi.`);
    }
    const removed = await removeIndicator(viewer.userId, product.id, id);
    return redirectWithFlash(
      list,
      removed.outcome === "archived"
        ? `L'indicateur « ${removed.name} » a été archivé : ses valeurs restent consultables.`
        : `L'indicateur « ${removed.name} » a été supprimé.`,
    );
  }
  const form = parseIndicatorForm(fields);
  if (!form.success) return refusedForm(form.errors, form.values);
  const saved = await saveIndicator(viewer.userId, product.id, id, form.data);
  if (!saved.ok) return refusedForm(saved.errors, form.values);
  return redirectWithFlash(list, `L'indicateur « ${form.data.name} » a été ${id === null ? "ajouté" : "modifié"}.`);
}

const title = (name: string | null | undefined) => (name ? `Modifier l'indicateur « ${name} »` : "Ajouter un indicateur");

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(title(data?.name));

export default function IndicatorForm() {
  const { product, id, name, matrixCode, archivedAt, valueCount, values } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const form = refused ?? { values, errors: {} };

  return (
    <>
      <IndicatorBreadcrumb product={product} current={name ?? "Ajouter un indicateur"} />
      <h1>{title(name)}</h1>
      {matrixCode && (
        <p>
          Indicateur obligatoire de la matrice d'impact : vous pouvez en préciser le nom, l'unité ou la description, il reste
          compté comme tel.
        </p>
      )}
      <p className="fr-text--sm">Les champs sans mention « facultatif » sont obligatoires.</p>
      <ErrorSummary errors={refused?.errors} labels={indicatorFieldLabels(targetRowCount(form.values))} />
      {/* The server's French messages, next to each field, rather than the browser's own. */}
      <Form method="post" noValidate className="fr-col-12 fr-col-md-8 fr-mb-6w">
        <IndicatorFields form={form} />
        <Button type="submit">Enregistrer</Button>
      </Form>

      {id !== null && (
        <section className="fr-col-12 fr-col-md-8">
          <h2>Suivi de l'indicateur</h2>
          <Form method="post">
            {archivedAt ? (
              <>
                <p>Cet indicateur est archivé depuis le {formatDay(archivedAt)} : il n'est plus proposé à la saisie.</p>
                <input type="hidden" name="intent" value="restore" />
                <Button type="submit" priority="secondary">
                  Suivre à nouveau cet indicateur
                </Button>
              </>
            ) : (
              <>
                <p>
                  {valueCount > 0
                    ? `Cet indicateur a ${valueCount > 1 ? `${valueCount} valeurs enregistrées` : "une valeur enregistrée"} : il sera archivé, et ses valeurs resteront consultables.`
                    : "Cet indicateur n'a aucune valeur enregistrée : il sera supprimé."}
                </p>
                <input type="hidden" name="intent" value="remove" />
                <Button type="submit" priority="secondary">
                  {valueCount > 0 ? "Archiver cet indicateur" : "Supprimer cet indicateur"}
                </Button>
              </>
            )}
          </Form>
        </section>
      )}
    </>
  );
}
