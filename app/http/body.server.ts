// Reading a request's body with a ceiling. Express hands Remix the raw stream, with no size limit of
// its own: uploads and API bodies are read here, refused as soon as they pass their limit (whether
// the client announced the length or streams it in chunks), and a body that cannot be read is the
// client's mistake (400), never a server error.

export type BodyRead = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: "too-large" | "unreadable" };

export async function readBody(request: Request, maxBytes: number): Promise<BodyRead> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: "too-large" };
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "too-large" };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

export type FormRead = { ok: true; form: FormData } | { ok: false; reason: "too-large" | "unreadable" };

/** A submitted form (multipart, with files, or URL-encoded) of at most `maxBytes`. */
export async function readForm(request: Request, maxBytes: number): Promise<FormRead> {
  const body = await readBody(request, maxBytes);
  if (!body.ok) return body;
  try {
    const copy = new Request(request.url, {
      method: "POST",
      headers: { "Content-Type": request.headers.get("Content-Type") ?? "" },
      body: body.bytes,
    });
    return { ok: true, form: await copy.formData() };
  } catch {
    return { ok: false, reason: "unreadable" };
  }
}

/** The first value of `name` when it is text (a file field sent as text reads as missing). */
export function textField(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}
