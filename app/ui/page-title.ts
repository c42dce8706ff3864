/** The document title of a page: "<page> · Jalon". */
export function pageTitle(page: string) {
  return [{ title: `${page} · Jalon` }];
}
