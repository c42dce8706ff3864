// The frame of the administration pages: the breadcrumb back to /admin, the list pages, and the form
// page shared by ministries, organisations and incubators.
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FieldErrors } from "./form-parsing";
import { ErrorSummary, FlashMessage } from "./form-ui";

export interface Section {
  label: string;
  path: string;
}

/** "Administration › <section> › <page>"; a section's own list page passes no section. */
export function AdminBreadcrumb({ section, current }: { section?: Section; current: string }) {
  const segments = [{ label: "Administration", linkProps: { to: "/admin" } }];
  if (section) segments.push({ label: section.label, linkProps: { to: section.path } });
  return <Breadcrumb segments={segments} currentPageLabel={current} />;
}

/** A section's list: what it is, the button that adds to it, and its table. */
export function AdminListPage({
  title,
  intro,
  flash = null,
  add,
  emptyText,
  headers,
  rows,
}: {
  title: string;
  intro?: string;
  flash?: string | null;
  add: { label: string; path: string };
  emptyText: string;
  headers: string[];
  rows: ReactNode[][];
}) {
  return (
    <>
      <AdminBreadcrumb current={title} />
      <h1>{title}</h1>
      {intro && <p>{intro}</p>}
      <FlashMessage message={flash} />
      <Button className="fr-mb-4w" iconId="fr-icon-add-line" linkProps={{ to: add.path }}>
        {add.label}
      </Button>
      {rows.length === 0 ? <p>{emptyText}</p> : <Table caption={title} noCaption headers={headers} data={rows} />}
    </>
  );
}

export function StructureFormPage({
  section,
  title,
  labels,
  errors,
  children,
}: {
  section: Section;
  title: string;
  labels: Record<string, string>;
  errors: FieldErrors | undefined;
  children: ReactNode;
}) {
  return (
    <>
      <AdminBreadcrumb section={section} current={title} />
      <h1>{title}</h1>
      <p className="fr-text--sm">Les champs sans mention « facultatif » sont obligatoires.</p>
      <ErrorSummary errors={errors} labels={labels} />
      {/* The server's French messages, next to each field, rather than the browser's own. */}
      <Form method="post" noValidate className="fr-col-12 fr-col-md-8">
        {children}
        <Button type="submit">Enregistrer</Button>
      </Form>
    </>
  );
}
