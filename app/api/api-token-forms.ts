// The forms of the "Jetons API" page: create a named token, revoke one.
import { z } from "zod";
import { requiredText } from "~/admin/form-parsing";

export const API_TOKEN_NAME_MAX_LENGTH = 100;

export const ApiTokenActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("create"),
      name: requiredText("Donnez un nom au jeton, par exemple « Matomo » ou « Script de la page /stats ».", API_TOKEN_NAME_MAX_LENGTH),
    }),
    z.object({ intent: z.literal("revoke"), tokenId: z.uuid({ error: "Choisissez le jeton à révoquer." }) }),
  ],
  { error: "Choisissez une action : créer ou révoquer un jeton." },
);
