// What a person reads when the database is down or saturated (a 503, app/http/unavailable.server.ts):
// shared by the server's plain-text and JSON answers and the error page.
export const UNAVAILABLE_TITLE = "Service momentanément indisponible";
export const UNAVAILABLE_MESSAGE = "Le service est momentanément surchargé ou indisponible : réessayez dans un instant.";
