// What the ministry, organisation and incubator pages share: each has a list and one form page that
// creates (`/nouveau`) or edits (`/<id>`), for platform admins only. The routes name what differs.
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound } from "~/auth/viewer.server";
import { redirectWithFlash, takeFlash } from "./flash.server";
import { parseForm, type FormValues } from "./form-parsing";
import { requirePlatformAdmin } from "./guards.server";
import { refusedForm } from "./refused-form.server";
import type { SaveResult } from "./structures.server";
import { readFormFields } from "~/http/form.server";

type Params = LoaderFunctionArgs["params"];

const ParamsSchema = z.object({ id: z.union([z.literal("nouveau"), z.uuid()]) });

/** The record a form page edits, or null on `/nouveau`; any other address does not exist. */
function recordId(params: Params): string | null {
  const parsed = ParamsSchema.safeParse(params);
  if (!parsed.success) throw notFound();
  return parsed.data.id === "nouveau" ? null : parsed.data.id;
}

/** A list page's data, with the message left by the save that led there. */
export async function structureList<T>(request: Request, list: () => Promise<T>) {
  await requirePlatformAdmin(request);
  const { flash, headers } = await takeFlash(request);
  return data({ flash, items: await list() }, { headers });
}

/** A form page's data: the record's values (the defaults for a new one) and the lists to choose from. */
export async function structureForm<T>(
  request: Request,
  params: Params,
  load: { values: (id: string) => Promise<FormValues | null>; defaults: FormValues; options: () => Promise<T> },
) {
  await requirePlatformAdmin(request);
  const id = recordId(params);
  const [values, options] = await Promise.all([id ? load.values(id) : load.defaults, load.options()]);
  if (!values) throw notFound();
  return { id, values, options };
}

/** Saves a form page; a refused form comes back (400) with its values and French messages. */
export async function saveStructureForm<S extends z.ZodType>(
  request: Request,
  params: Params,
  form: {
    schema: S;
    save: (actorId: string, id: string | null, input: z.output<S>) => Promise<SaveResult>;
    listPath: string;
    savedMessage: (input: z.output<S>, created: boolean) => string;
  },
) {
  const viewer = await requirePlatformAdmin(request);
  const id = recordId(params);
  const parsed = parseForm(form.schema, await readFormFields(request));
  if (!parsed.success) return refusedForm(parsed.errors, parsed.values);
  const saved = await form.save(viewer.userId, id, parsed.data);
  if (!saved.ok) return refusedForm(saved.errors, parsed.values);
  return redirectWithFlash(form.listPath, form.savedMessage(parsed.data, id === null));
}
