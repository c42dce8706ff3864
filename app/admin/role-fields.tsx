// The role and scope fields of the invitation and "add a role" forms. Without JavaScript every scope
// field shows, each saying which roles use it; once the page is live, only the chosen role's fields
// remain. Either way the server keeps only the fields the role uses.
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { useEffect, useState } from "react";
import { ROLE_LABELS } from "~/domain/labels";
import type { Role } from "~/generated/prisma/enums";
import { SelectField, TextField, type FormState } from "./form-ui";
import { ROLE_SCOPE_FIELDS, type RoleChoices, type ScopeField } from "./user-forms";

export const ROLE_FIELD_LABELS: Record<string, string> = {
  role: "Rôle",
  incubatorId: "Incubateur",
  productId: "Produit",
  organisationId: "Organisation",
  committeeSessionId: "Séance du comité",
  title: "Fonction dans l'équipe (facultative)",
};

const SCOPE_SELECTS: Record<ScopeField, { choices: keyof Omit<RoleChoices, "roles">; hint: string; empty: string }> = {
  incubatorId: {
    choices: "incubators",
    hint: "Pour une ou un responsable d'incubateur, une ou un coach, ou une ou un membre permanent du comité.",
    empty: "Choisissez un incubateur",
  },
  productId: { choices: "products", hint: "Pour une ou un membre d'équipe.", empty: "Choisissez un produit" },
  organisationId: {
    choices: "organisations",
    hint: "Pour une ou un investisseur.",
    empty: "Choisissez une organisation",
  },
  committeeSessionId: {
    choices: "sessions",
    hint: "Pour une personne invitée à une seule séance du comité, à la place de l'incubateur.",
    empty: "Choisissez une séance",
  },
};

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export function RoleFields({ form, choices }: { form: FormState; choices: RoleChoices }) {
  const [role, setRole] = useState(form.values.role ?? "");
  const hydrated = useHydrated();
  const chosen = choices.roles.find((r) => r === role);
  const offered = (fields: (r: Role) => boolean) =>
    hydrated ? chosen !== undefined && fields(chosen) : choices.roles.some(fields);
  const scopeFields = (Object.keys(SCOPE_SELECTS) as ScopeField[]).filter((field) =>
    offered((r) => ROLE_SCOPE_FIELDS[r].includes(field)),
  );
  const teamFields = offered((r) => r === "team_member");

  return (
    <>
      <SelectField
        form={form}
        name="role"
        label={ROLE_FIELD_LABELS.role}
        options={choices.roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        emptyLabel="Choisissez un rôle"
        onChange={setRole}
      />
      {scopeFields.map((field) => {
        const select = SCOPE_SELECTS[field];
        return (
          <SelectField
            key={field}
            form={form}
            name={field}
            label={ROLE_FIELD_LABELS[field]}
            hint={hydrated ? undefined : select.hint}
            options={choices[select.choices]}
            emptyLabel={select.empty}
          />
        );
      })}
      {teamFields && (
        <>
          <Checkbox
            options={[
              {
                label: "Intrapreneur ou intrapreneuse",
                hintText: "L'agente ou l'agent public qui porte le produit dans son administration.",
                nativeInputProps: { name: "isIntrapreneur", defaultChecked: form.values.isIntrapreneur === "on" },
              },
            ]}
          />
          <TextField
            form={form}
            name="title"
            label={ROLE_FIELD_LABELS.title}
            hint="Par exemple « développeuse » ou « designer »."
          />
        </>
      )}
    </>
  );
}
