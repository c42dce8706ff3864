import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash, takeFlash } from "~/admin/flash.server";
import { parseForm } from "~/admin/form-parsing";
import { ErrorSummary, FlashMessage, SelectField, TextField, type FormState } from "~/admin/form-ui";
import { refusedForm } from "~/admin/refused-form.server";
import { forbidden } from "~/auth/viewer.server";
import { DecisionFacts, outcomeText, SessionBreadcrumb, TallySummary } from "~/committees/committee-ui";
import { setConditionStatus } from "~/committees/conditions.server";
import { DecisionFields } from "~/committees/decision-fields";
import { dossierPath } from "~/committees/dossier-paths";
import {
  choiceValue,
  ConditionStatusSchema,
  DECISION_FIELD_LABELS,
  parseDecisionForm,
  VOTE_FIELD_LABELS,
  VoteSchema,
} from "~/committees/decision-forms";
import { amendDecision, publishDecision, recordDecision } from "~/committees/decisions.server";
import { requireSession } from "~/committees/session-access.server";
import { agendaProduct, loadSessionProduct } from "~/committees/session-product.server";
import { openDeliberation } from "~/committees/session-steps.server";
import { castVote } from "~/committees/votes.server";
import { PhaseBadge } from "~/components/phase-badge";
import { CONDITION_STATUS_LABELS } from "~/domain/committee-labels";
import { readFormFields } from "~/http/form.server";
import { formatDateTime, formatDay } from "~/ui/dates";
import { pageTitle } from "~/ui/page-title";

const ParamsSchema = z.object({ slug: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const access = await requireSession(request, params.id);
  const page = await loadSessionProduct(access, slug);
  const { flash, headers } = await takeFlash(request);
  const { session, rights } = access;
  const amending = page.mayAmend && new URL(request.url).searchParams.has("amender");
  return data(
    {
      session: { id: session.id, title: session.title, open: session.closedAt === null && session.status !== "cancelled", deliberationOpenedAt: session.deliberationOpenedAt },
      rights,
      ...page,
      amending,
      flash,
    },
    { headers },
  );
}

const IntentSchema = z.object({
  intent: z.enum(["vote", "open-deliberation", "decide", "amend", "publish", "condition"], {
    error: "Cette action n'existe pas : rechargez la page et réessayez.",
  }),
  decisionId: z.uuid().optional().catch(undefined),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug } = ParamsSchema.parse(params);
  const { viewer, session, rights } = await requireSession(request, params.id);
  const values = await readFormFields(request);
  const form = parseForm(IntentSchema, values);
  if (!form.success) return refusedForm(form.errors, values);
  const { product, phase } = await agendaProduct(session.id, slug);
  const path = `/comites/${session.id}/produits/${product.slug}`;
  const scope = { sessionId: session.id, productId: product.id };
  const { intent, decisionId } = form.data;
  if (intent === "vote") {
    if (!rights.vote) throw forbidden();
    const vote = parseForm(VoteSchema, values);
    if (!vote.success) return refusedForm(vote.errors, values);
    const cast = await castVote(viewer.userId, session.id, product.id, phase, vote.data);
    if (!cast.ok) return refusedForm(cast.errors, values);
    return redirectWithFlash(path, cast.changed ? "Votre vote a été modifié." : "Votre vote est enregistré.");
  }
  if (intent === "open-deliberation") {
    if (!rights.openDeliberation) throw forbidden();
    const opened = await openDeliberation(viewer.userId, session.id);
    if (!opened.ok) return refusedForm(opened.errors, values);
    return redirectWithFlash(path, "La délibération est ouverte : chaque membre voit désormais les votes des autres.");
  }
  if (!rights.decide) throw forbidden();
  switch (intent) {
    case "decide":
    case "amend": {
      const decision = parseDecisionForm(values, { amendment: intent === "amend" });
      if (!decision.success) return refusedForm(decision.errors, values);
      const saved =
        intent === "decide"
          ? await recordDecision(viewer.userId, session.id, product.id, decision.data)
          : await amendDecision(viewer.userId, scope, decisionId ?? "", decision.data, decision.reason ?? "");
      if (!saved.ok) return refusedForm(saved.errors, values);
      const phaseNote = saved.targetPhase ? " L'historique des phases du produit est à jour." : "";
      return redirectWithFlash(path, `${intent === "decide" ? "La décision est enregistrée." : "L'amendement est enregistré ; la décision d'origine reste visible."}${phaseNote}`);
    }
    case "publish": {
      const published = await publishDecision(viewer.userId, scope, decisionId ?? "");
      if (!published.ok) return refusedForm(published.errors, values);
      return redirectWithFlash(path, "La motivation publique de la décision est publiée.");
    }
    case "condition": {
      const condition = parseForm(ConditionStatusSchema, values);
      if (!condition.success) return refusedForm(condition.errors, values);
      const updated = await setConditionStatus(viewer.userId, session.id, condition.data.conditionId, condition.data.status);
      if (!updated.ok) return refusedForm(updated.errors, values);
      return redirectWithFlash(path, `La condition est marquée « ${CONDITION_STATUS_LABELS[condition.data.status]} ».`);
    }
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `${data.product.name} — ${data.session.title}` : "Produit en comité");

function IntentButton({ intent, label, extra = {}, priority = "secondary" }: {
  intent: string;
  label: string;
  extra?: Record<string, string>;
  priority?: "primary" | "secondary" | "tertiary";
}) {
  return (
    <Form method="post">
      {Object.entries(extra).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" size="small" priority={priority} value={intent} nativeButtonProps={{ name: "intent" }}>
        {label}
      </Button>
    </Form>
  );
}

export default function SessionProductPage() {
  const page = useLoaderData<typeof loader>();
  const { session, rights, product, phase, tally, decisions, standing, flash } = page;
  const refused = useActionData<typeof action>();
  const path = `/comites/${session.id}/produits/${product.slug}`;
  const refusedFor = (intent: string): FormState | null => (refused && refused.values.intent === intent ? refused : null);
  // A deciding member sees both forms, which share the "choice" field: the vote's ids are set apart.
  const voteForm: FormState = {
    ...(refusedFor("vote") ?? {
      errors: {},
      values: page.mine
        ? { choice: page.mine.choice ? choiceValue({ ...page.mine, outcome: page.mine.choice }) : "conflict", comment: page.mine.comment ?? "" }
        : {},
    }),
    idScope: "vote",
  };
  const decideForm: FormState = refusedFor("decide") ?? { errors: {}, values: {} };
  const amendForm: FormState = refusedFor("amend") ?? { errors: {}, values: page.amendmentValues ?? {} };
  const funders = page.funders.map((f) => ({ value: f.id, label: f.name }));
  const otherErrors = refused && !["vote", "decide", "amend"].includes(refused.values.intent ?? "") ? refused.errors : undefined;

  return (
    <>
      <SessionBreadcrumb session={session} current={product.name} />
      <h1>{product.name}</h1>
      <p className="fr-text--lead">
        Point {product.position} de l'ordre du jour · <PhaseBadge phase={phase} />
      </p>
      <p>
        {product.pitch} <Link to={dossierPath(session.id, product.slug)}>Lire le dossier</Link> ·{" "}
        <Link to={`/produits/${product.slug}`}>Voir la fiche du produit</Link>
      </p>
      <FlashMessage message={flash} />
      <ErrorSummary errors={otherErrors} labels={{}} title="L'action n'a pas abouti" />

      <h2>Votes</h2>
      {page.mine && (
        <p>
          Votre vote : <strong>{page.mine.choice ? outcomeText(page.mine.choice, page.mine.targetPhase, page.mine.withConditions) : "conflit d'intérêts déclaré (abstention)"}</strong>
          {page.votingOpen ? " — vous pouvez le modifier jusqu'à la décision." : "."}
        </p>
      )}
      {page.mayVote ? (
        <section className="fr-mb-4w" aria-labelledby="vote-titre">
          <h3 id="vote-titre" className="fr-h5">{page.mine ? "Modifier votre vote" : "Voter"}</h3>
          <ErrorSummary errors={refusedFor("vote")?.errors} labels={VOTE_FIELD_LABELS} idScope={voteForm.idScope} />
          <Form method="post" noValidate className="fr-col-12 fr-col-md-8">
            <SelectField form={voteForm} name="choice" label={VOTE_FIELD_LABELS.choice} options={page.voteOptions} emptyLabel="Choisissez" />
            <TextField form={voteForm} name="comment" label={VOTE_FIELD_LABELS.comment} textArea />
            <Button type="submit" value="vote" nativeButtonProps={{ name: "intent" }}>
              {page.mine ? "Modifier mon vote" : "Enregistrer mon vote"}
            </Button>
          </Form>
        </section>
      ) : (
        <p className="fr-text--sm">
          {!page.votingOpen ? "Les votes sur ce produit sont clos." : rights.vote ? "" : "Vous ne votez pas à cette séance."}
        </p>
      )}
      {tally && <TallySummary tally={tally} caption={`Décompte des votes sur ${product.name}`} />}
      {page.showVotes ? (
        page.votes.length > 0 && (
          <Table
            caption="Votes des membres"
            headers={["Membre", "Vote", "Commentaire", "Date"]}
            data={page.votes.map((v) => [
              v.voter,
              v.choice ? outcomeText(v.choice, v.targetPhase, v.withConditions) : "Conflit d'intérêts : abstention",
              v.comment ?? "",
              formatDateTime(v.createdAt),
            ])}
          />
        )
      ) : (
        <p>
          {page.voteCount === 0 ? "Aucun membre n'a encore voté." : `${page.voteCount} membre${page.voteCount > 1 ? "s ont" : " a"} voté.`} Vous
          verrez les votes des autres membres après avoir voté, ou quand la présidence ouvrira la délibération.
        </p>
      )}
      {rights.openDeliberation && session.open && !session.deliberationOpenedAt && (
        <IntentButton intent="open-deliberation" label="Ouvrir la délibération" />
      )}

      <h2 className="fr-mt-6w">Décision</h2>
      {decisions.length === 0 && <p>Aucune décision n'est encore enregistrée.</p>}
      {decisions.map((d) => (
        <section key={d.id} className="fr-mb-4w" aria-label={d.correctsId ? "Amendement" : "Décision"}>
          <h3 className="fr-h5">{d.correctsId ? `Amendement du ${formatDateTime(d.createdAt)}` : "Décision du comité"}</h3>
          <DecisionFacts
            decision={d}
            internal
            conditionActions={
              rights.decide && d.standing
                ? (c) => (
                    <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                      {(["met", "not_met", "open"] as const)
                        .filter((s) => s !== c.status)
                        .map((s) => (
                          <li key={s}>
                            <IntentButton
                              intent="condition"
                              label={s === "open" ? "Rouvrir" : `Marquer « ${CONDITION_STATUS_LABELS[s]} »`}
                              extra={{ conditionId: c.id, status: s }}
                              priority="tertiary"
                            />
                          </li>
                        ))}
                    </ul>
                  )
                : undefined
            }
          />
          {rights.decide && d.standing && !d.publishedAt && d.publicRationale && (
            <IntentButton intent="publish" label="Publier la motivation publique" extra={{ decisionId: d.id }} />
          )}
        </section>
      ))}

      {page.mayDecide && (
        <section id="decision" className="fr-mb-6w">
          <h3>Enregistrer la décision</h3>
          {!page.sessionHeld && (
            <Alert
              className="fr-mb-2w"
              severity="info"
              small
              description={`La décision s'enregistre à partir du jour de la séance, le ${formatDay(page.decidedOn)}.`}
            />
          )}
          <p className="fr-text--sm">
            La décision prend la date de la séance ({formatDay(page.decidedOn)}) ; un changement de phase est porté dans
            l'historique du produit en même temps. Une fois enregistrée, elle ne se modifie plus : une correction passe par un amendement.
          </p>
          <ErrorSummary errors={decideForm.errors} labels={DECISION_FIELD_LABELS} />
          <Form method="post" noValidate className="fr-col-12 fr-col-md-8">
            <DecisionFields form={decideForm} options={page.decisionOptions} funders={funders} defaultReview={page.defaultReview} />
            <Button type="submit" value="decide" nativeButtonProps={{ name: "intent" }}>
              Enregistrer la décision
            </Button>
          </Form>
        </section>
      )}

      {page.mayAmend && standing && (
        page.amending || refusedFor("amend") ? (
          <section id="amendement" className="fr-mb-6w">
            <h3>Amender la décision</h3>
            <p className="fr-text--sm">
              L'amendement remplace la décision sans l'effacer : les deux restent visibles, et l'historique des phases est mis en
              accord avec l'amendement.
            </p>
            <ErrorSummary errors={amendForm.errors} labels={DECISION_FIELD_LABELS} />
            <Form method="post" action={`${path}?amender`} noValidate className="fr-col-12 fr-col-md-8">
              <input type="hidden" name="decisionId" value={standing.id} />
              <DecisionFields form={amendForm} options={page.decisionOptions} funders={funders} defaultReview={page.defaultReview} amendment />
              <ul className="fr-btns-group fr-btns-group--inline-md">
                <li>
                  <Button type="submit" value="amend" nativeButtonProps={{ name: "intent" }}>
                    Enregistrer l'amendement
                  </Button>
                </li>
                <li>
                  <Button priority="tertiary" linkProps={{ to: path }}>
                    Annuler
                  </Button>
                </li>
              </ul>
            </Form>
          </section>
        ) : (
          <Button priority="secondary" iconId="fr-icon-edit-line" linkProps={{ to: `${path}?amender#amendement` }}>
            Amender la décision
          </Button>
        )
      )}
    </>
  );
}
