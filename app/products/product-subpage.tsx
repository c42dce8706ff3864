// The frame of a product's internal pages (team, phase history): the breadcrumb back to the product,
// the title, and the forms that open on the page itself (`?ajouter`, `?corriger=…`).
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

export function ProductSubpageHeader({ product, title }: { product: { slug: string; name: string }; title: string }) {
  return (
    <>
      <Breadcrumb
        segments={[
          { label: "Portefeuille", linkProps: { to: "/" } },
          { label: product.name, linkProps: { to: `/produits/${product.slug}` } },
        ]}
        currentPageLabel={title}
      />
      <h1>{title}</h1>
      <p className="fr-text--lead">{product.name}</p>
    </>
  );
}

/**
 * A form opened on the page: its section (the anchor the opening link points at), the note on
 * required fields, the fields, then the buttons and "Annuler", which closes it.
 */
export function InlineForm({
  id,
  title,
  action,
  cancelTo,
  buttons,
  children,
}: {
  id: string;
  title: string;
  /** Where the form posts: the page with the query that opened it, so that a refused form stays open. */
  action: string;
  cancelTo: string;
  buttons: ReactNode[];
  children: ReactNode;
}) {
  return (
    <section id={id} className="fr-mb-6w">
      <h2>{title}</h2>
      <p className="fr-text--sm">Les champs sans mention « facultatif » sont obligatoires.</p>
      {/* The server's French messages, next to each field, rather than the browser's own. */}
      <Form method="post" action={action} noValidate className="fr-col-12 fr-col-md-8">
        {children}
        <ul className="fr-btns-group fr-btns-group--inline-md">
          {buttons.map((button, i) => (
            <li key={i}>{button}</li>
          ))}
          <li>
            <Button priority="tertiary" linkProps={{ to: cancelTo }}>
              Annuler
            </Button>
          </li>
        </ul>
      </Form>
    </section>
  );
}
