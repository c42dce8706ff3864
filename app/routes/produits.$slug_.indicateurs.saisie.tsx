import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash, takeFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { ErrorSummary, FlashMessage } from "~/admin/form-ui";
import { refusedForm } from "~/admin/refused-form.server";
import { can } from "~/auth/permissions";
import { forbidden } from "~/auth/viewer.server";
import { monthKey, nextEntryMonth, parisToday, previousEntryMonth, readEntryMonth } from "~/domain/entry-periods";
import { IMPACT_LEVELS } from "~/domain/impact-matrix";
import { IMPACT_LEVEL_LABELS } from "~/domain/labels";
import { readFormFields } from "~/http/form.server";
import { EntryValueField, entryFieldLabels, VALIDATION_FORM_ID } from "~/indicators/entry-fields";
import { EntryActionSchema, entrySummaryMessage } from "~/indicators/entry-form";
import { loadEntryPage, saveEntries, validateValues } from "~/indicators/entry.server";
import { IndicatorBreadcrumb } from "~/indicators/indicator-ui";
import { formatPeriod } from "~/indicators/indicator-wording";
import { requireProductPermission } from "~/products/product-access.server";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const access = await requireProductPermission(request, slug, "indicator.write");
  const today = parisToday();
  const asked = readEntryMonth(new URL(request.url).searchParams.get("periode"), today);
  const { flash, headers } = await takeFlash(request);
  if (!asked.ok) return data({ product: access.product, flash, problem: asked.problem, screen: null }, { status: 400, headers });
  const { month } = asked;
  const screen = {
    month,
    key: monthKey(month),
    previous: previousEntryMonth(month),
    next: nextEntryMonth(month, today),
    ...(await loadEntryPage(access, month)),
  };
  return data({ product: access.product, flash, problem: null, screen }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, product, scope } = await requireProductPermission(request, slug, "indicator.write");
  const fields = await readFormFields(request);
  // Validating is the incubator's part: refused before anything else of the form is looked at.
  if (fields.intent === "validate" && !can(viewer, "indicator.validate", scope)) throw forbidden();
  const form = parseForm(EntryActionSchema, fields);
  if (!form.success) return refusedForm(form.errors, form.values);
  const asked = readEntryMonth(form.data.periode, parisToday());
  if (!asked.ok) return refusedForm({ periode: [asked.problem] }, fields);
  const back = `/produits/${product.slug}/indicateurs/saisie?periode=${monthKey(asked.month)}`;
  if (form.data.intent === "validate") {
    const result = await validateValues(viewer.userId, product.id, asked.month, form.data.valider, form.data.shownAt);
    if (!result.ok) return refusedForm({ valider: [result.message] }, fields);
    const count = result.count;
    return redirectWithFlash(
      back,
      count === 0 ? "Aucune valeur n'était à valider." : `${count} ${count > 1 ? "valeurs validées" : "valeur validée"}.`,
    );
  }
  const result = await saveEntries(viewer.userId, product.id, asked.month, fields);
  if (!result.ok) return refusedForm(result.errors, fields);
  return redirectWithFlash(back, entrySummaryMessage(result.summary));
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.screen ? `Saisie des valeurs de ${formatPeriod(data.screen.month, "monthly")}` : "Saisie des valeurs");

export default function ValueEntry() {
  const { product, flash, problem, screen } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  // A new key after each navigation: the fields show the saved values again.
  const { key, pathname } = useLocation();
  const base = `/produits/${product.slug}/indicateurs`;

  if (!screen) {
    return (
      <>
        <IndicatorBreadcrumb product={product} current="Saisie des valeurs" />
        <h1>Saisie des valeurs</h1>
        <Alert className="fr-mb-4w" severity="error" title="Période impossible" description={problem} />
        <Link to={pathname}>Saisir les valeurs du dernier mois écoulé</Link>
      </>
    );
  }

  const monthName = formatPeriod(screen.month, "monthly");
  const declared = screen.indicators.flatMap((i) => i.periods).filter((p) => p.current?.status === "declared").length;
  const form = { values: refused?.values ?? null, errors: refused?.errors ?? {} };

  return (
    <>
      <IndicatorBreadcrumb product={product} current="Saisie des valeurs" />
      <h1>Saisie des valeurs de {monthName}</h1>
      <FlashMessage message={flash} />
      <nav aria-label="Changer de période" className="fr-mb-4w">
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          {screen.previous && (
            <li>
              <Button priority="tertiary" iconId="fr-icon-arrow-left-line" linkProps={{ to: `?periode=${monthKey(screen.previous)}` }}>
                Mois précédent ({formatPeriod(screen.previous, "monthly")})
              </Button>
            </li>
          )}
          {screen.next && (
            <li>
              <Button
                priority="tertiary"
                iconId="fr-icon-arrow-right-line"
                iconPosition="right"
                linkProps={{ to: `?periode=${monthKey(screen.next)}` }}
              >
                Mois suivant ({formatPeriod(screen.next, "monthly")})
              </Button>
            </li>
          )}
        </ul>
        <Form method="get" className="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-4">
            <Input label="Autre mois" hintText="Au format aaaa-mm, par exemple 2026-10." nativeInputProps={{ name: "periode", type: "month", defaultValue: screen.key }} />
          </div>
          <div className="fr-col-12 fr-col-md-4 fr-mb-3w">
            <Button type="submit" priority="secondary">
              Afficher
            </Button>
          </div>
        </Form>
      </nav>

      <p>
        Saisissez les valeurs mesurées en {monthName}. Les indicateurs trimestriels portent sur le trimestre qui contient ce
        mois ; les indicateurs hebdomadaires, sur chaque semaine qui commence en {monthName}. Les nombres s'écrivent en
        notation française (1 234,5) ou anglaise (1,234.5). Un champ laissé vide signifie « pas de valeur ».
      </p>
      <ErrorSummary errors={refused?.errors} labels={entryFieldLabels(screen.indicators)} />

      {screen.indicators.length === 0 ? (
        <p>
          Ce produit ne suit aucun indicateur. <Link to={base}>Définir ses indicateurs</Link>
        </p>
      ) : (
        <Form key={key} method="post" noValidate className="fr-col-12 fr-col-md-8 fr-mb-6w">
          <input type="hidden" name="intent" value="enter" />
          <input type="hidden" name="periode" value={screen.key} />
          {IMPACT_LEVELS.map((level) => {
            const indicators = screen.indicators.filter((indicator) => indicator.level === level);
            if (indicators.length === 0) return null;
            return (
              <fieldset key={level} className="fr-fieldset fr-mb-4w">
                <legend className="fr-fieldset__legend fr-h5">{IMPACT_LEVEL_LABELS[level]}</legend>
                {indicators.map((indicator) =>
                  indicator.periods.map((period) => (
                    <div key={period.valueField} className="fr-fieldset__element">
                      <EntryValueField indicator={indicator} period={period} form={form} mayValidate={screen.mayValidate} />
                    </div>
                  )),
                )}
              </fieldset>
            );
          })}
          <Button type="submit">Enregistrer les valeurs</Button>
        </Form>
      )}

      {screen.mayValidate && (
        <Form id={VALIDATION_FORM_ID} method="post" className="fr-mb-6w">
          <input type="hidden" name="intent" value="validate" />
          <input type="hidden" name="periode" value={screen.key} />
          <input type="hidden" name="shownAt" value={screen.shownAt.toISOString()} />
          {declared > 0 && (
            <Button type="submit" priority="secondary" value="all" nativeButtonProps={{ name: "valider" }}>
              Valider toutes les valeurs déclarées de la période ({declared})
            </Button>
          )}
        </Form>
      )}
    </>
  );
}
