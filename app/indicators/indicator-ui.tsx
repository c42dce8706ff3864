// What the indicator pages share: the breadcrumb back to the product, and a value's status said in
// words (a badge's colour only repeats it), and the error state of a field.
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { FieldErrors } from "~/admin/form-parsing";
import { VALUE_STATUS_LABELS } from "~/domain/labels";
import type { ValueStatus } from "~/generated/prisma/enums";

/** "Portefeuille › <product> › Indicateurs › <page>"; the indicators list itself passes no page. */
export function IndicatorBreadcrumb({ product, current }: { product: { slug: string; name: string }; current?: string }) {
  const segments = [
    { label: "Portefeuille", linkProps: { to: "/" } },
    { label: product.name, linkProps: { to: `/produits/${product.slug}` } },
  ];
  if (current) segments.push({ label: "Indicateurs", linkProps: { to: `/produits/${product.slug}/indicateurs` } });
  return <Breadcrumb segments={segments} currentPageLabel={current ?? "Indicateurs"} />;
}

export function ValueStatusBadge({ status }: { status: ValueStatus }) {
  return (
    <Badge as="span" small noIcon severity={status === "validated" ? "success" : "info"}>
      {VALUE_STATUS_LABELS[status]}
    </Badge>
  );
}

/** A DSFR field's error props: its messages shown next to it. */
export function errorState(errors: FieldErrors, name: string) {
  const messages = errors[name];
  return messages ? { state: "error" as const, stateRelatedMessage: messages.join(" ") } : {};
}
