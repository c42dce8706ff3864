import { Button } from "@codegouvfr/react-dsfr/Button";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { AdminBreadcrumb } from "~/admin/admin-page";
import { ErrorSummary, SelectField } from "~/admin/form-ui";
import { requirePlatformAdmin } from "~/admin/guards.server";
import { JournalFiltersSchema, type JournalFilters } from "~/admin/journal-filters";
import { listJournal } from "~/admin/journal.server";
import { AUDIT_ACTION_LABELS, AUDIT_CATEGORY_LABELS, ENTITY_TYPE_LABELS } from "~/domain/labels";
import { formatDateTime } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => pageTitle("Journal");

type FilterErrors = Partial<Record<keyof JournalFilters, string[]>>;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const parsed = JournalFiltersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const errors: FilterErrors = z.flattenError(parsed.error).fieldErrors;
    const filters: JournalFilters = { page: 1 };
    return data({ filters, errors, journal: null }, { status: 400 });
  }
  const errors: FilterErrors = {};
  return { filters: parsed.data, errors, journal: await listJournal(parsed.data) };
}

/** The categories, and the action the address names if it is a single one ("role.revoked"). */
function actionOptions(current: string | undefined) {
  const options = Object.entries(AUDIT_CATEGORY_LABELS).map(([value, label]) => ({ value, label }));
  if (current && !AUDIT_CATEGORY_LABELS[current])
    options.push({ value: current, label: AUDIT_ACTION_LABELS[current] ?? current });
  return options;
}

export default function Journal() {
  const { filters, errors, journal } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    if (filters.action) params.set("action", filters.action);
    params.set("page", String(page));
    return { to: `/admin/journal?${params}` };
  };

  return (
    <>
      <AdminBreadcrumb current="Journal" />
      <h1>Journal</h1>
      <p>Qui a fait quoi et quand, du plus récent au plus ancien. Les heures sont celles de Paris.</p>
      <ErrorSummary errors={errors} labels={{ action: "Type d'action" }} title="Ces filtres ne sont pas valides" />
      {/* Keyed by the query so that the field shows the filter after each navigation. */}
      <Form method="get" key={search} className="fr-mb-4w">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-6">
            <SelectField
              form={{ values: { action: filters.action ?? "" }, errors }}
              name="action"
              label="Type d'action"
              options={actionOptions(filters.action)}
              emptyLabel="Toutes les actions"
            />
          </div>
          <div className="fr-col-12 fr-col-md-6 fr-mb-3w">
            <Button type="submit">Filtrer</Button>
          </div>
        </div>
      </Form>
      {journal && (
        <>
          <p role="status">{journal.total > 1 ? `${journal.total} entrées` : `${journal.total} entrée`}</p>
          {journal.entries.length === 0 ? (
            <p>Aucune entrée ne correspond à ce filtre.</p>
          ) : (
            <Table
              caption="Journal des actions"
              noCaption
              headers={["Date et heure", "Par", "Action", "Sur", "Motif"]}
              data={journal.entries.map((entry) => [
                formatDateTime(entry.at),
                entry.actorName ?? "Sans compte connecté",
                AUDIT_ACTION_LABELS[entry.action] ?? entry.action,
                <span key="entity">
                  {ENTITY_TYPE_LABELS[entry.entityType] ?? entry.entityType}
                  {" : "}
                  {entry.entityPath ? (
                    <Link to={entry.entityPath}>{entry.entityName}</Link>
                  ) : (
                    entry.entityName ?? entry.entityId
                  )}
                </span>,
                entry.reason ?? "—",
              ])}
            />
          )}
          {journal.pageCount > 1 && (
            <Pagination
              count={journal.pageCount}
              defaultPage={Math.min(filters.page, journal.pageCount)}
              getPageLinkProps={pageLink}
            />
          )}
        </>
      )}
    </>
  );
}
