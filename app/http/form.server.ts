// Reading a submitted form without ever failing on it: a body that is not a form (wrong content
// type, truncated, JSON) reads as an empty form, which the route's zod schema then refuses with a
// French message. Bad input gets a 400, never a 500.

/** The submitted text fields (the first value of each name). */
export async function readFormFields(request: Request): Promise<Record<string, string>> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return {};
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of form) {
    if (typeof value === "string" && !(name in fields)) fields[name] = value;
  }
  return fields;
}
