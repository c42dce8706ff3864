import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { redirectWithFlash, takeFlash } from "~/admin/flash.server";
import { asFormValues, parseForm } from "~/admin/form-parsing";
import { ErrorSummary, FlashMessage, TextField, type FormState } from "~/admin/form-ui";
import { refusedForm } from "~/admin/refused-form.server";
import { can } from "~/auth/permissions";
import { isoDay, today } from "~/domain/days";
import { readFormFields } from "~/http/form.server";
import { requireProductPermission } from "~/products/product-access.server";
import { InlineForm, ProductSubpageHeader } from "~/products/product-subpage";
import { TEAM_FIELD_LABELS, TeamActionSchema } from "~/products/team-forms";
import { changeTeam, loadTeamPage, stillManagesTeam, type TeamResult } from "~/products/team.server";
import { formatDay } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

// `?modifier=<membership>` opens the change form of one membership, `?ajouter` the addition form.
const SearchSchema = z.object({ modifier: z.uuid().optional().catch(undefined), ajouter: z.string().optional() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, product, scope } = await requireProductPermission(request, slug, "product.readInternal");
  const search = SearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const mayManage = can(viewer, "team.manage", scope);
  const team = await loadTeamPage(product.id, { showContacts: mayManage });
  const selected = mayManage ? ([...team.current, ...team.past].find((m) => m.id === search.modifier) ?? null) : null;
  const { flash, headers } = await takeFlash(request);
  return data(
    {
      product,
      ...team,
      mayManage,
      selected,
      adding: mayManage && !selected && search.ajouter !== undefined,
      today: isoDay(today()),
      flash,
    },
    { headers },
  );
}

function doneMessage(done: Extract<TeamResult, { ok: true }>): string {
  switch (done.intent) {
    case "add":
      // Jalon sends no e-mail: whoever adds the person tells them.
      return done.accountCreated
        ? `${done.name} fait désormais partie de l'équipe. Son compte a été créé : prévenez cette personne, elle peut se connecter dès maintenant à Jalon avec ProConnect ou avec un lien reçu par courriel, à l'adresse indiquée.`
        : `${done.name} fait désormais partie de l'équipe.`;
    case "update":
      return `La participation de ${done.name} a été modifiée.`;
    case "end":
      return `La participation de ${done.name} se termine aujourd'hui ; elle reste dans l'historique de l'équipe.`;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, product, scope } = await requireProductPermission(request, slug, "team.manage");
  const form = parseForm(TeamActionSchema, await readFormFields(request));
  if (!form.success) return refusedForm(form.errors, form.values);
  const result = await changeTeam(viewer.userId, scope, form.data);
  if (!result.ok) return refusedForm(result.errors, form.values);
  // Someone who just gave up their own management may no longer open the page: back to the product.
  const back = stillManagesTeam(viewer, scope, result) ? `/produits/${product.slug}/equipe` : `/produits/${product.slug}`;
  return redirectWithFlash(back, doneMessage(result));
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Équipe — ${data.product.name}` : "Équipe");

function MemberFlags({ form }: { form: FormState }) {
  return (
    <Checkbox
      id="champ-isIntrapreneur"
      legend="Rôle dans l'équipe"
      state={form.errors.isIntrapreneur ? "error" : "default"}
      stateRelatedMessage={form.errors.isIntrapreneur?.join(" ")}
      options={[
        {
          label: TEAM_FIELD_LABELS.isIntrapreneur,
          hintText: "L'agente ou l'agent public qui porte le produit ; une seule personne à la fois.",
          nativeInputProps: { name: "isIntrapreneur", defaultChecked: form.values.isIntrapreneur === "on" },
        },
        {
          label: TEAM_FIELD_LABELS.isCoach,
          hintText: "La ou le coach de l'incubateur qui accompagne ce produit.",
          nativeInputProps: { name: "isCoach", defaultChecked: form.values.isCoach === "on" },
        },
      ]}
    />
  );
}

function TitleField({ form }: { form: FormState }) {
  return <TextField form={form} name="title" label={TEAM_FIELD_LABELS.title} hint="Par exemple « développeuse » ou « designer »." />;
}

interface MemberRow {
  id: string;
  name: string;
  email: string | null;
  invitationPending: boolean;
  upcoming: boolean;
  title: string | null;
  isIntrapreneur: boolean;
  isCoach: boolean;
  startDate: Date | null;
  endDate: Date | null;
}

function roleBadges(member: MemberRow): ReactNode {
  return (
    <>
      {member.isIntrapreneur && (
        <Badge as="span" small severity="info" noIcon className="fr-mr-1v">
          Intrapreneur·e
        </Badge>
      )}
      {member.isCoach && (
        <Badge as="span" small severity="new" noIcon className="fr-mr-1v">
          Coach
        </Badge>
      )}
      {member.upcoming && (
        <Badge as="span" small noIcon>
          À venir
        </Badge>
      )}
    </>
  );
}

export default function TeamPage() {
  const { product, current, past, mayManage, selected, adding, today: todayIso, flash } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const path = `/produits/${product.slug}/equipe`;
  const refusedFor = (matches: (values: Record<string, string>) => boolean) =>
    refused && matches(refused.values) ? refused : null;
  const editForm: FormState =
    refusedFor((v) => v.intent === "update" && v.assignmentId === selected?.id) ??
    (selected
      ? {
          errors: {},
          values: asFormValues({
            title: selected.title,
            startDate: selected.startDate && isoDay(selected.startDate),
            endDate: selected.endDate && isoDay(selected.endDate),
            isIntrapreneur: selected.isIntrapreneur ? "on" : null,
            isCoach: selected.isCoach ? "on" : null,
          }),
        }
      : { values: {}, errors: {} });
  const addForm: FormState = refusedFor((v) => v.intent === "add") ?? { values: { startDate: todayIso }, errors: {} };

  const headers = ["Nom", ...(mayManage ? ["Adresse électronique"] : []), "Fonction", "Rôle", "Arrivée", "Départ"];
  const rows = (members: MemberRow[], ongoing: boolean) =>
    members.map((member) => [
      member.name,
      ...(mayManage
        ? [
            <>
              {member.email}
              {member.invitationPending && (
                <>
                  {" "}
                  <Badge as="span" small noIcon>
                    Jamais connecté·e
                  </Badge>
                </>
              )}
            </>,
          ]
        : []),
      member.title ?? "Non renseignée",
      roleBadges(member),
      member.startDate ? formatDay(member.startDate) : "Non renseignée",
      member.endDate ? formatDay(member.endDate) : "—",
      ...(mayManage
        ? [
            <ul key="actions" className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
              <li>
                <Button size="small" priority="tertiary" linkProps={{ to: `${path}?modifier=${member.id}#modification`, title: `Modifier la participation de ${member.name}` }}>
                  Modifier
                </Button>
              </li>
              {ongoing && (member.endDate === null || isoDay(member.endDate) > todayIso) && (
                <li>
                  <Form method="post">
                    <input type="hidden" name="intent" value="end" />
                    <input type="hidden" name="assignmentId" value={member.id} />
                    <Button size="small" priority="secondary" type="submit" title={`Terminer aujourd'hui la participation de ${member.name}`}>
                      Terminer
                    </Button>
                  </Form>
                </li>
              )}
            </ul>,
          ]
        : []),
    ]);
  const allHeaders = mayManage ? [...headers, "Actions"] : headers;

  return (
    <>
      <ProductSubpageHeader product={product} title="Équipe" />
      <FlashMessage message={flash} />
      <ErrorSummary errors={refused?.errors} labels={TEAM_FIELD_LABELS} />

      <h2>Équipe actuelle</h2>
      {current.length === 0 ? (
        <p>Aucun membre de l'équipe n'est enregistré.</p>
      ) : (
        <Table caption={`Équipe actuelle de ${product.name}`} noCaption headers={allHeaders} data={rows(current, true)} />
      )}

      {mayManage && selected && (
        <InlineForm
          id="modification"
          title={`Modifier la participation de ${selected.name}`}
          action={`${path}?modifier=${selected.id}`}
          cancelTo={path}
          buttons={[
            <Button key="update" type="submit">
              Enregistrer
            </Button>,
          ]}
        >
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="assignmentId" value={selected.id} />
          <TitleField form={editForm} />
          <TextField form={editForm} name="startDate" label={TEAM_FIELD_LABELS.startDate} type="date" />
          <TextField
            form={editForm}
            name="endDate"
            label={TEAM_FIELD_LABELS.endDate}
            type="date"
            hint="Le dernier jour de participation. Laissez vide tant que la personne fait partie de l'équipe."
          />
          <MemberFlags form={editForm} />
        </InlineForm>
      )}

      {mayManage &&
        (adding ? (
          <InlineForm
            id="ajout"
            title="Ajouter une personne à l'équipe"
            action={`${path}?ajouter`}
            cancelTo={path}
            buttons={[
              <Button key="add" type="submit">
                Ajouter à l'équipe
              </Button>,
            ]}
          >
            <p>
              Si l'adresse n'a pas encore de compte Jalon, il est créé : la personne se connecte ensuite avec
              ProConnect ou avec un lien reçu par courriel, à l'adresse indiquée ici. Jalon n'envoie pas de message :
              prévenez-la.
            </p>
            <input type="hidden" name="intent" value="add" />
            <TextField form={addForm} name="name" label={TEAM_FIELD_LABELS.name} required />
            <TextField
              form={addForm}
              name="email"
              label={TEAM_FIELD_LABELS.email}
              type="email"
              hint="Son adresse professionnelle, par exemple prenom.nom@exemple.gouv.fr."
              required
            />
            <TitleField form={addForm} />
            <TextField form={addForm} name="startDate" label={TEAM_FIELD_LABELS.startDate} type="date" required />
            <MemberFlags form={addForm} />
          </InlineForm>
        ) : (
          !selected && (
            <Button className="fr-mb-6w" iconId="fr-icon-user-add-line" linkProps={{ to: `${path}?ajouter#ajout` }}>
              Ajouter une personne
            </Button>
          )
        ))}

      <h2>Anciens membres</h2>
      {past.length === 0 ? (
        <p>Personne n'a encore quitté l'équipe.</p>
      ) : (
        <Table caption={`Anciens membres de l'équipe de ${product.name}`} noCaption headers={allHeaders} data={rows(past, false)} />
      )}
      <p>
        <Link to={`/produits/${product.slug}`}>Retour à la fiche du produit</Link>
      </p>
    </>
  );
}
