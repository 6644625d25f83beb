/**
 * What a figure lacks: the modes of the official rate without any loaded file (API
 * `missing_modes`, server domain/coverage/completeness.ts), said in French, and the Caf's
 * published rate beside Berceau's.
 */
import type { TerritoryDetail } from '../api/types';
import { formatRate, formatSignedRate } from './format';

export type RateMode = 'eaje' | 'am' | 'mam' | 'home_care' | 'preschool';

/** Names with their article, for a sentence ("les assistants maternels"). */
const WITH_ARTICLE: Record<RateMode, string> = {
  eaje: 'les EAJE (crèches, micro-crèches)',
  am: 'les assistants maternels',
  mam: 'les MAM',
  home_care: 'la garde à domicile',
  preschool: 'la préscolarisation',
};

export const MODE_LABELS: Record<RateMode, string> = {
  eaje: 'EAJE',
  am: 'assistants maternels',
  mam: 'MAM',
  home_care: 'garde à domicile',
  preschool: 'préscolarisation',
};

/** "a, b et c". */
export function frenchList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/** The panel's sentence for an incomplete figure; null when every mode has data. */
export function incompleteText(missing: readonly RateMode[]): string | null {
  if (missing.length === 0) return null;
  return (
    `Aucun fichier chargé pour ${frenchList(missing.map((m) => WITH_ARTICLE[m]))}. ` +
    'Le taux ne compte que les autres modes : c’est un minimum, pas un manque de places.'
  );
}

/** "Taux publié par la Caf : 72,3 (écart +1,2 point : assistants maternels, EAJE)". */
export function cafDifferenceText(caf: NonNullable<TerritoryDetail['caf']>): string {
  const gap =
    caf.difference === null
      ? ''
      : ` ; écart de Berceau : ${formatSignedRate(caf.difference)} point${Math.abs(caf.difference) >= 2 ? 's' : ''}`;
  const why =
    caf.differing.length > 0
      ? `, dû à : ${frenchList(caf.differing.map((m) => MODE_LABELS[m]))}`
      : '';
  return `Taux publié par la Caf : ${formatRate(caf.rate)}${gap}${why}.`;
}
