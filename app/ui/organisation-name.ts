/** "Direction générale des Finances publiques (DGFiP)", or the name alone without an acronym. */
export function organisationName(organisation: { name: string; acronym: string | null }): string {
  return organisation.acronym ? `${organisation.name} (${organisation.acronym})` : organisation.name;
}
