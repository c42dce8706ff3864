// Why a ProConnect sign-in stopped, as the `erreur` parameter of /connexion carries it. Not a server
// module: the sign-in page shows the message, the callback picks the code.

const MESSAGES = {
  /** No sign-in in progress in this browser: flow cookie missing, altered or older than 10 minutes. */
  "proconnect-expiree":
    "Votre demande de connexion a expiré ou n'a pas été trouvée. Recommencez la connexion avec ProConnect.",
  /** The `state` sent back does not match the one this browser was given. */
  "proconnect-etat-invalide":
    "La réponse de ProConnect ne correspond pas à votre demande de connexion. Par sécurité, recommencez la connexion.",
  /** The user cancelled at ProConnect (`error=access_denied`). */
  "proconnect-annulee": "Vous avez annulé la connexion avec ProConnect.",
  /** Any other refusal by the provider, or a code, token or user information that does not check out. */
  "proconnect-erreur": "ProConnect n'a pas pu confirmer votre identité. Recommencez la connexion dans quelques instants.",
  /** The provider's discovery document could not be read. */
  "proconnect-indisponible": "ProConnect est momentanément indisponible. Réessayez dans quelques minutes.",
  /** The provider sent no e-mail address: Jalon cannot tell who you are. */
  "proconnect-adresse-manquante":
    "ProConnect n'a pas transmis votre adresse électronique : Jalon ne peut pas vous reconnaître. Contactez l'équipe qui gère Jalon.",
  /** The address belongs to a Jalon account already linked to another ProConnect identity. */
  "proconnect-compte-different":
    "Votre adresse est déjà liée à une autre identité ProConnect. Contactez l'équipe qui gère Jalon pour vérifier votre compte.",
} as const;

export type OidcErrorCode = keyof typeof MESSAGES;

/** Typed by string: the page looks up whatever `erreur` the address bar holds. */
export const OIDC_ERROR_MESSAGES: Record<string, string> = MESSAGES;
