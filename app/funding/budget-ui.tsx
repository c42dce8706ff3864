// What the budget pages share: the breadcrumb through the product's funding, and the grid of a
// statement's cells (one table per activity, AE and CP by resource) with each field's own error.
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { fieldId } from "~/admin/form-ui";
import type { FieldErrors, FormValues } from "~/admin/form-parsing";
import { amountField } from "~/domain/budget-statements";
import {
  BUDGET_ACTIVITIES,
  BUDGET_ACTIVITY_LABELS,
  BUDGET_RESOURCE_LABELS,
  BUDGET_RESOURCES,
  type BudgetActivity,
  type BudgetResource,
} from "~/domain/budget-taxonomy";

export const financementPath = (slug: string) => `/produits/${slug}/financement`;
export const budgetEntryPath = (slug: string) => `/produits/${slug}/financement/budget`;
export const budgetImportPath = (slug: string) => `/produits/${slug}/financement/budget/import`;

/** "Portefeuille › <product> › Financement › <page>". */
export function FundingBreadcrumb({ product, current }: { product: { slug: string; name: string }; current: string }) {
  return (
    <Breadcrumb
      segments={[
        { label: "Portefeuille", linkProps: { to: "/" } },
        { label: product.name, linkProps: { to: `/produits/${product.slug}` } },
        { label: "Financement", linkProps: { to: financementPath(product.slug) } },
      ]}
      currentPageLabel={current}
    />
  );
}

function AmountInput({ name, label, form }: { name: string; label: string; form: { values: FormValues; errors: FieldErrors } }) {
  const id = fieldId(name);
  const messages = form.errors[name];
  return (
    <div className={`fr-input-group fr-mb-0${messages ? " fr-input-group--error" : ""}`}>
      <label className="fr-sr-only" htmlFor={id}>
        {label}
      </label>
      <input
        className={`fr-input${messages ? " fr-input--error" : ""}`}
        id={id}
        name={name}
        inputMode="decimal"
        autoComplete="off"
        defaultValue={form.values[name] ?? ""}
        aria-invalid={messages ? true : undefined}
        aria-describedby={messages ? `${id}-erreur` : undefined}
      />
      {messages && (
        <p id={`${id}-erreur`} className="fr-error-text">
          {messages.join(" ")}
        </p>
      )}
    </div>
  );
}

const cellLabel = (kind: "AE" | "CP", activity: BudgetActivity, resource: BudgetResource) =>
  `${kind}, ${BUDGET_ACTIVITY_LABELS[activity].toLowerCase()}, ${BUDGET_RESOURCE_LABELS[resource].toLowerCase()} (en euros)`;

/** The 12 × 6 cells of a statement, AE and CP, as fields named by `amountField`. */
export function BudgetGrid({ form }: { form: { values: FormValues; errors: FieldErrors } }) {
  return (
    <>
      {BUDGET_ACTIVITIES.map((activity) => (
        <fieldset key={activity} className="fr-fieldset fr-mb-2w">
          <legend className="fr-fieldset__legend fr-h6">{BUDGET_ACTIVITY_LABELS[activity]}</legend>
          <div className="fr-table fr-table--no-caption fr-table--bordered fr-mb-0 fr-col-12">
            <table>
              <caption>{BUDGET_ACTIVITY_LABELS[activity]}</caption>
              <thead>
                <tr>
                  <th scope="col">Ressource</th>
                  <th scope="col">AE (engagé, €)</th>
                  <th scope="col">CP (payé, €)</th>
                </tr>
              </thead>
              <tbody>
                {BUDGET_RESOURCES.map((resource) => (
                  <tr key={resource}>
                    <th scope="row">{BUDGET_RESOURCE_LABELS[resource]}</th>
                    <td>
                      <AmountInput name={amountField("ae", activity, resource)} label={cellLabel("AE", activity, resource)} form={form} />
                    </td>
                    <td>
                      <AmountInput name={amountField("cp", activity, resource)} label={cellLabel("CP", activity, resource)} form={form} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
      ))}
    </>
  );
}
