import type { Knex } from 'knex';
import { secretAreas, type SecrecyArea, type SecrecyReason } from '../../domain/secrecy';
import type { CoverageFigureRow } from './repository';

/**
 * Statistical secrecy of the stored figures: which territories' childminder figures a public
 * view withholds (the pure rule is server/src/domain/secrecy), computed with the threshold of
 * the row `secrecy_setting` and stored with the figures (`coverage_figure.childminders_secret`),
 * so that lists, details and tiles, in SQL or in Node, read one flag.
 */

type Counted = Pick<
  CoverageFigureRow,
  | 'level'
  | 'code'
  | 'year'
  | 'epci_code'
  | 'ept_code'
  | 'departement_code'
  | 'childminders'
  | 'childminders_at_home'
>;

/** The reason each figure is withheld (key `level|code|year`), year by year. */
export function secrecyOfFigures(
  figures: readonly Counted[],
  threshold: number,
): Map<string, SecrecyReason> {
  const byYear = new Map<number, SecrecyArea[]>();
  for (const f of figures) {
    const parents =
      f.level === 'commune'
        ? [
            f.epci_code && `epci|${f.epci_code}`,
            f.ept_code && `ept|${f.ept_code}`,
            `departement|${f.departement_code}`,
          ]
        : f.level === 'epci'
          ? [`departement|${f.departement_code}`]
          : [];
    const areas = byYear.get(f.year) ?? [];
    areas.push({
      id: `${f.level}|${f.code}`,
      level: f.level,
      childminders: f.childminders,
      childmindersAtHome: f.childminders_at_home,
      parents: parents.filter((p): p is string => Boolean(p)),
    });
    byYear.set(f.year, areas);
  }
  const out = new Map<string, SecrecyReason>();
  for (const [year, areas] of byYear) {
    for (const [id, reason] of secretAreas(areas, threshold)) out.set(`${id}|${year}`, reason);
  }
  return out;
}

/** The threshold the stored flags are computed with, and whether they are. */
export async function fetchSecrecySetting(
  knex: Knex,
): Promise<{ threshold: number; applied: boolean }> {
  const row = await knex('secrecy_setting').first('threshold', 'applied');
  return { threshold: Number(row.threshold), applied: Boolean(row.applied) };
}

/**
 * Compute the flags again with `threshold` when the stored ones were made with another (or not
 * yet made): the server calls it at start with BERCEAU_SECRECY_THRESHOLD. Returns how many
 * figures changed; the setting's revision, part of the data version, changes with them.
 */
export async function applySecrecyThreshold(knex: Knex, threshold: number): Promise<number> {
  return knex.transaction(async (trx) => {
    const setting = await trx('secrecy_setting').forUpdate().first('threshold', 'applied');
    if (setting.applied && Number(setting.threshold) === threshold) return 0;
    const figures: (Counted & { childminders_secret: SecrecyReason | null })[] = await trx(
      'coverage_figure',
    ).select(
      'level',
      'code',
      'year',
      'epci_code',
      'ept_code',
      'departement_code',
      'childminders',
      'childminders_at_home',
      'childminders_secret',
    );
    const secret = secrecyOfFigures(figures, threshold);
    const changes = figures.flatMap((f) => {
      const reason = secret.get(`${f.level}|${f.code}|${f.year}`) ?? null;
      return reason === f.childminders_secret
        ? []
        : [{ level: f.level, code: f.code, year: f.year, reason }];
    });
    // One statement for every change: a whole-France threshold change touches many rows.
    if (changes.length > 0) {
      await trx.raw(
        `UPDATE coverage_figure f SET childminders_secret = c.reason
         FROM json_to_recordset(CAST(? AS json)) AS c(level text, code text, year smallint, reason text)
         WHERE f.level = c.level AND f.code = c.code AND f.year = c.year`,
        [JSON.stringify(changes)],
      );
    }
    await trx('secrecy_setting').update({
      threshold,
      applied: true,
      revision: trx.raw('revision + 1'),
    });
    return changes.length;
  });
}
