import { formatRate } from './format';

/**
 * Texts that go with an exported map or table: title, subtitle, sources line, file names.
 * A PNG leaves the application: it must say what, where, when and from which data on its own.
 */
export interface CaptionInput {
  levelLabel: string;
  year: number | null;
  territoryName: string;
  national: { rate: number | null; year: number | null } | null;
  datasets: { name: string; vintage: string; fictional: boolean }[];
}

export function mapCaptions(c: CaptionInput) {
  const nationalText =
    c.national?.rate != null
      ? `référence France ${c.national.year} : ${formatRate(c.national.rate)}`
      : '';
  return {
    title: `Taux de couverture de l’accueil du jeune enfant — ${c.levelLabel}${c.year ? `, ${c.year}` : ''}`,
    subtitle: [
      c.territoryName,
      'places pour 100 enfants de moins de 3 ans (méthode Cnaf/ONAPE)',
      nationalText,
    ]
      .filter(Boolean)
      .join(' · '),
    referenceLabel: `France${c.national?.year ? ` ${c.national.year}` : ''}`,
    sources: sourcesLine(c.datasets),
  };
}

/** "Population (2019-2024) ; EAJE (2024) [fictif]": fictional data said once per dataset. */
export function sourcesLine(datasets: CaptionInput['datasets']): string {
  if (datasets.length === 0) return 'Berceau';
  return datasets
    .map(
      (d) => `${d.name} (${d.vintage})${d.fictional && !/fictif/i.test(d.name) ? ' [fictif]' : ''}`,
    )
    .join(' ; ');
}

/**
 * Names and vintages of the datasets behind some figures, from the ids an API answer lists in
 * its `sources` (dataset ids, or keys; a text that is neither is named as it is).
 */
export function sourcesOfIds(
  ids: ReadonlySet<unknown>,
  all: readonly (CaptionInput['datasets'][number] & { id: number; key: string })[],
): string {
  const used = all.filter((d) => ids.has(d.id) || ids.has(d.key));
  const names = [...ids].filter(
    (x): x is string => typeof x === 'string' && !all.some((d) => d.key === x),
  );
  return (
    [used.length > 0 ? sourcesLine(used) : '', ...names].filter(Boolean).join(' ; ') || 'Berceau'
  );
}

/**
 * The name of an exported file: berceau-carte-epci-2024-dep18.png, berceau-commune-2024-dep18.csv.
 * The département shown ends the name (`dep` and its code, so that "18" is not read as a day),
 * so that the exports of two départements do not overwrite each other in a downloads folder;
 * without one (nothing loaded yet, /api/health failed) the name is as before:
 * berceau-carte-epci-2024.png, berceau-commune-2024.csv.
 */
export function exportFileName(
  kind: 'carte' | 'tableau',
  level: string,
  year: number | null,
  ext: 'png' | 'csv',
  departement: string | null = null,
): string {
  const y = year ?? 'derniere-annee';
  // Codes are 2-3 letters or digits (18, 2A, 976); anything else is kept out of a file name.
  const code = (departement ?? '').replace(/[^0-9A-Za-z]/g, '');
  const dep = code ? `-dep${code}` : '';
  return kind === 'carte'
    ? `berceau-carte-${level}-${y}${dep}.${ext}`
    : `berceau-${level}-${y}${dep}.${ext}`;
}
