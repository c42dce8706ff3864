// "1 valeur", "2 200 valeurs": a count with its noun, the count grouped the French way.
const COUNT = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

export function plural(count: number, one: string, many: string): string {
  return `${COUNT.format(count)} ${count > 1 ? many : one}`;
}
