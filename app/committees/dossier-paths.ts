// The addresses of a dossier's pages, for links from anywhere (product page, session page, e-mails).

const base = (sessionId: string, slug: string) => `/comites/${sessionId}/dossiers/${encodeURIComponent(slug)}`;
const versionQuery = (version?: number) => (version === undefined ? "" : `?version=${version}`);

/** The dossier's page: its draft form for the team, its latest submitted version for the committee. */
export const dossierPath = (sessionId: string, slug: string, version?: number) => `${base(sessionId, slug)}${versionQuery(version)}`;

export const dossierPrintPath = (sessionId: string, slug: string, version?: number) =>
  `${base(sessionId, slug)}/imprimer${versionQuery(version)}`;

export const dossierPdfPath = (sessionId: string, slug: string, version?: number) =>
  `${base(sessionId, slug)}.pdf${versionQuery(version)}`;
