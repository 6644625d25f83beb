/**
 * Statistical secrecy as the dashboard shows it: a territory where fewer than N childminders
 * work has its childminder places, and the total and rate they could be subtracted back from,
 * withheld by the API (`childminders_secret`, `childminders_below`). The UI writes "secret" or
 * "moins de N" where the figure would be, and says why (docs/coverage.md).
 */
export interface SecrecyFields {
  childminders_secret: boolean;
  /** N when fewer than N childminders work there; null when withheld to protect a neighbour. */
  childminders_below: number | null;
}

/** Short text in place of a withheld figure: "secret". */
export const SECRET_TEXT = 'secret';

/** The reason, for a tooltip or a note; null when the figures are public. */
export function secrecyReason(f: SecrecyFields): string | null {
  if (!f.childminders_secret) return null;
  if (f.childminders_below !== null) {
    return (
      `Secret statistique : moins de ${f.childminders_below} assistants maternels exercent ici. ` +
      'Leurs places, et donc le total des places et le taux de couverture, ne sont pas diffusés, ' +
      'car ils décriraient des personnes.'
    );
  }
  return (
    'Secret statistique : chiffres des assistants maternels non diffusés pour qu’on ne retrouve ' +
    'pas, par soustraction, ceux d’un territoire voisin qui en compte très peu.'
  );
}

/** What the table, the panel and the CSV write for a withheld figure. */
export function secretFigureText(f: SecrecyFields): string {
  return f.childminders_below !== null
    ? `secret (moins de ${f.childminders_below} assistants maternels)`
    : 'secret (protège un territoire voisin)';
}
