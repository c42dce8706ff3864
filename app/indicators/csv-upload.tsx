// The upload form of an import page: the file field (its size checked in the browser too, so that a
// large file is not sent for nothing), the preview button, and a live message while the server works.
// And the preview of an uploaded file with the form that commits it: the file's text goes back, never
// the preview.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { Form, useNavigation } from "@remix-run/react";
import { useState, type FormEvent, type ReactNode } from "react";
import { plural } from "~/ui/plural";
import { CSV_TOO_LARGE, MAX_IMPORT_BYTES } from "./csv-import";

/** The intent being submitted ("preview", "commit"), or null when nothing is. */
export function useSubmittingIntent(): string | null {
  const navigation = useNavigation();
  const intent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  return typeof intent === "string" ? intent : null;
}

export function CsvUploadForm({ error, previewShown, busyMessages }: { error: string | null; previewShown: boolean; busyMessages: { preview: string; commit: string } }) {
  const submitting = useSubmittingIntent();
  const [fileError, setFileError] = useState<string | null>(null);
  const checkSize = (event: FormEvent<HTMLFormElement>) => {
    const file = new FormData(event.currentTarget).get("fichier");
    const tooLarge = file instanceof File && file.size > MAX_IMPORT_BYTES ? CSV_TOO_LARGE : null;
    setFileError(tooLarge);
    if (tooLarge) event.preventDefault();
  };
  const shown = fileError ?? error;
  return (
    <>
      <Form method="post" encType="multipart/form-data" noValidate onSubmit={checkSize} className="fr-col-12 fr-col-md-8">
        <input type="hidden" name="intent" value="preview" />
        <Upload
          label="Fichier CSV"
          hint="Format .csv, encodé en UTF-8."
          state={shown ? "error" : "default"}
          stateRelatedMessage={shown}
          nativeInputProps={{ name: "fichier", accept: ".csv,text/csv" }}
        />
        <Button className="fr-mt-3w" type="submit" disabled={submitting !== null} priority={previewShown ? "secondary" : "primary"}>
          Voir l'aperçu
        </Button>
      </Form>
      <div aria-live="polite" role="status" className="fr-mt-3w">
        {submitting !== null && (
          <p>
            <progress aria-label="Progression" /> {submitting === "commit" ? busyMessages.commit : busyMessages.preview}
          </p>
        )}
      </div>
    </>
  );
}

/** The button that commits a previewed file. */
function CsvCommitForm({ fileName, fingerprint, content, label }: { fileName: string; fingerprint: string; content: string; label: string }) {
  const submitting = useSubmittingIntent();
  return (
    <Form method="post" encType="multipart/form-data" className="fr-mb-3w">
      <input type="hidden" name="intent" value="commit" />
      <input type="hidden" name="fileName" value={fileName} />
      <input type="hidden" name="fingerprint" value={fingerprint} />
      {/* The file itself goes back: the server reads it again and never trusts this preview. */}
      <input type="hidden" name="content" value={content} />
      <Button type="submit" disabled={submitting !== null} iconId="fr-icon-save-line">
        {label}
      </Button>
    </Form>
  );
}

export interface CsvPreviewProps {
  fileName: string;
  fingerprint: string;
  /** The file's text, sent back by the commit form. */
  content: string;
  /** Why the file was read another way than the user might think (e.g. its encoding). */
  notice: string | null;
  /** The counts of the file, one list item each. */
  counts: ReactNode;
  errors: number;
  /** Null when there is nothing to write: the file is already recorded as it is. */
  commitLabel: string | null;
  nothingToWrite: string;
  /** What the file holds: its tables of rows. */
  children: ReactNode;
}

/**
 * A previewed file: its counts, then the reason nothing can be written (errors, nothing new) or the
 * button that writes it all, then its rows.
 */
export function CsvPreviewSection({ fileName, fingerprint, content, notice, counts, errors, commitLabel, nothingToWrite, children }: CsvPreviewProps) {
  return (
    <section className="fr-mt-6w" aria-labelledby="apercu">
      <h2 id="apercu">Aperçu de « {fileName} »</h2>
      {notice && <Alert className="fr-mb-3w" severity="warning" small description={notice} />}
      <ul>
        {counts}
        {errors > 0 && <li>{plural(errors, "ligne en erreur", "lignes en erreur")}</li>}
      </ul>
      {errors > 0 ? (
        <Alert
          className="fr-mb-3w"
          severity="error"
          title={`${plural(errors, "ligne comporte", "lignes comportent")} une erreur`}
          description="Rien ne sera enregistré tant qu'une ligne est en erreur. Corrigez le fichier, puis envoyez-le de nouveau."
        />
      ) : commitLabel === null ? (
        <Alert className="fr-mb-3w" severity="info" small description={nothingToWrite} />
      ) : (
        <CsvCommitForm fileName={fileName} fingerprint={fingerprint} content={content} label={commitLabel} />
      )}
      {children}
    </section>
  );
}
