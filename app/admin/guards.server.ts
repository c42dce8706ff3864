// The doors of the administration: the public is sent to sign in, a signed-in person without an
// administration right gets a 403 page.
import { forbidden, requirePermission, requireViewer, signInRedirect, type Viewer } from "~/auth/viewer.server";
import { adminScope, administersAnything, type AdminScope } from "./grantable-roles";

export interface Admin {
  viewer: Viewer;
  scope: AdminScope;
}

/** A platform admin or an incubator admin, with what they administer. */
export async function requireAdmin(request: Request): Promise<Admin> {
  const viewer = await requireViewer(request);
  const scope = adminScope(viewer);
  if (!administersAnything(scope)) throw forbidden();
  return { viewer, scope };
}

/** Ministries, organisations, incubators and the journal are the platform admins' alone. */
export async function requirePlatformAdmin(request: Request): Promise<Viewer> {
  const viewer = await requirePermission(request, "platform.admin", {});
  // requirePermission lets the public through only for public reads: never here.
  if (!viewer) throw signInRedirect(request);
  return viewer;
}
