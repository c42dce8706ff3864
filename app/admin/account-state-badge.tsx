import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { ACCOUNT_STATE_LABELS } from "~/domain/labels";
import type { AccountState } from "./account-state";

// The state is in the text; the colour only repeats it.
const SEVERITY = { invited: "info", active: "success", deactivated: "error" } as const satisfies Record<
  AccountState,
  string
>;

export function AccountStateBadge({ state }: { state: AccountState }) {
  return (
    <Badge small severity={SEVERITY[state]}>
      {ACCOUNT_STATE_LABELS[state]}
    </Badge>
  );
}
