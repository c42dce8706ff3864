// Where to go after signing in comes from the address bar or a link: only a path on this site is
// followed, so that a crafted link cannot send someone who just signed in to another site.
import { z } from "zod";

export const LocalPathSchema = z
  .string()
  .max(2000)
  // "//host" and "/\host" are other sites to a browser, which also drops tabs and line breaks
  // inside URLs ("/\t/host" becomes "//host").
  .refine((path) => path.startsWith("/") && !path.startsWith("//") && !/[\\\s\p{Cc}]/u.test(path));
