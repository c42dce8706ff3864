// Reading what an import page's form sends: a CSV file to preview, or the text of a previewed file
// sent back to commit with the preview's fingerprint (decision 010: the server never trusts the
// preview, it reads the file again). Shared by every CSV import; what the rows mean is theirs.
import { readForm, textField } from "~/http/body.server";
import { decodeUtf8, normalizeCsvText } from "./csv";
import { CSV_TOO_LARGE, MAX_IMPORT_BYTES } from "./csv-import";

export type CsvUpload =
  | { kind: "preview"; fileName: string; text: string }
  | { kind: "commit"; fileName: string; text: string; fingerprint: string }
  | { kind: "refused"; status: 400 | 413; error: string };

export async function readCsvUpload(request: Request): Promise<CsvUpload> {
  // The form around the file adds a few hundred bytes.
  const read = await readForm(request, MAX_IMPORT_BYTES + 64 * 1024);
  if (!read.ok) {
    return read.reason === "too-large"
      ? { kind: "refused", status: 413, error: CSV_TOO_LARGE }
      : { kind: "refused", status: 400, error: "Le formulaire envoyé n'a pas pu être lu : recommencez." };
  }
  const form = read.form;
  if (textField(form, "intent") === "commit") {
    const content = textField(form, "content");
    const fingerprint = textField(form, "fingerprint");
    if (content === undefined || fingerprint === undefined) return { kind: "refused", status: 400, error: "Envoyez d'abord le fichier pour en voir l'aperçu." };
    return { kind: "commit", fileName: (textField(form, "fileName") ?? "").slice(0, 200), text: normalizeCsvText(content), fingerprint };
  }
  const file = form.get("fichier");
  if (!(file instanceof File) || file.size === 0) return { kind: "refused", status: 400, error: "Choisissez un fichier CSV à importer." };
  if (file.size > MAX_IMPORT_BYTES) return { kind: "refused", status: 413, error: CSV_TOO_LARGE };
  const text = decodeUtf8(new Uint8Array(await file.arrayBuffer()));
  if (text === null) {
    return {
      kind: "refused",
      status: 400,
      error: "Le fichier n'est pas encodé en UTF-8. Dans votre tableur, enregistrez-le au format « CSV UTF-8 », puis envoyez-le de nouveau.",
    };
  }
  return { kind: "preview", fileName: file.name.slice(0, 200), text };
}
