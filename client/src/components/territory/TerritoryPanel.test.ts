import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import type { TerritoryDetail } from '../../api/types';
import TerritoryPanel from './TerritoryPanel.vue';

// Components render without a DOM through Vue's server renderer: enough to pin what they show.
function render(detail: TerritoryDetail) {
  return renderToString(
    createSSRApp({ render: () => h(TerritoryPanel, { detail, referenceLabel: 'nationale' }) }),
  );
}

/** The places by mode, class and reference of every year below (each sets the rest). */
const FIGURES = {
  places_eaje_psu: 120,
  places_eaje_hors_psu: 24,
  places_am: 412.02,
  places_mam: 19.44,
  places_home_care: 6,
  places_preschool: 15,
  coverage_class: 'below',
  reference_rate: 60.9,
  childminders_secret: false,
  childminders_below: null,
  missing_modes: [] as ('eaje' | 'am' | 'mam' | 'home_care' | 'preschool')[],
  caf_rate: null,
  am_under3_share: 0.81,
} as const;
const NATIONAL = {
  kind: 'national',
  year: 2023,
  rate: 60.9,
  carriedForward: true,
  source: 'CNAF / ONAPE',
} as const;

const detail: TerritoryDetail = {
  territory: {
    code: '99001',
    name: 'Saint-Éloi-les-Bois',
    level: 'commune',
    epci_code: '200000001',
    departement_code: '99',
    ...FIGURES,
    year: 2024,
    children_under3: 1234,
    places_total: 596.46,
    coverage_rate: 48.3,
    small_population: false,
    fictional: true,
    sources: [1],
    label_point: [2.1, 47.05],
  },
  bbox: [2, 47, 2.2, 47.1],
  history: [
    { ...FIGURES, year: 2022, children_under3: 1250, places_total: 560, coverage_rate: 44.8 },
    { ...FIGURES, year: 2023, children_under3: 1240, places_total: 580, coverage_rate: 46.8 },
    { ...FIGURES, year: 2024, children_under3: 1234, places_total: 596.46, coverage_rate: 48.3 },
  ],
  parents: {
    epci: { code: '200000001', name: 'CC des Trois Rivières', coverage_rate: 52.1 },
    departement: { code: '99', name: 'Fictif-sur-Loire', coverage_rate: 57.4 },
  },
  national: NATIONAL,
  reference: NATIONAL,
  supply_points: { eaje: 2, mam: 1, childminders: 140 },
  facilities: [
    {
      id: 1,
      type: 'eaje',
      name: 'Multi-accueil Les Lutins',
      kind: 'multi_accueil',
      financing: 'psu',
      places: 60,
      commune_code: '99001',
      location_approximate: false,
      lon: 2.39,
      lat: 47.08,
    },
    {
      id: 2,
      type: 'mam',
      name: 'MAM Les Petits Pas',
      kind: 'mam',
      financing: null,
      places: 12,
      childminder_count: 3,
      commune_code: '99001',
      location_approximate: true,
      lon: 2.4,
      lat: 47.1,
    },
  ],
  datasets: [
    {
      id: 1,
      key: 'demo:population',
      kind: 'population',
      name: 'Population (territoire fictif)',
      source: 'Générateur',
      sourceUrl: null,
      licence: 'CC0-1.0',
      vintage: '2021-2024',
      fictional: true,
      fileName: null,
      checksum: null,
      importedAt: '2026-11-22T08:00:00Z',
      rowCounts: { population: 4 },
    },
  ],
  am_under3_share: 0.81,
  secrecy_threshold: 3,
  caf: null,
};

describe('TerritoryPanel', () => {
  it('is a region named after the territory (its heading)', async () => {
    const html = await render(detail);
    expect(html).toMatch(/<section[^>]*role="region"[^>]*aria-labelledby="territory-name"/);
    expect(html).toMatch(/<h2 id="territory-name"[^>]*>Saint-Éloi-les-Bois<\/h2>/);
  });

  it('shows the figures in French number format', async () => {
    const html = await render(detail);
    expect(html).toMatch(/data-field="children_under3"[^>]*>1\u202f234</);
    expect(html).toMatch(/data-field="coverage_rate"[^>]*>48,3</);
    expect(html).toMatch(/data-field="places_total"[^>]*>596,5</);
    expect(html).toContain('En dessous');
  });

  it('compares the rate with the département and France, with signed differences', async () => {
    const html = await render(detail);
    expect(html).toContain('Département (Fictif-sur-Loire)');
    expect(html).toContain('(écart \u22129,1)');
    expect(html).toContain('France 2023');
    expect(html).toContain('dernier chiffre publié (2023)');
  });

  it('lists facilities, parents, sources and vintages', async () => {
    const html = await render(detail);
    expect(html).toContain('Multi-accueil Les Lutins');
    expect(html).toContain('Intercommunalité : CC des Trois Rivières (52,1)');
    expect(html).toContain('Population (territoire fictif) — 2021-2024');
    expect(html).not.toContain('Petite population :');
  });

  it('offers an isochrone from each facility as a button, saying when its position is approximate', async () => {
    const html = await render(detail);
    expect(html).toMatch(
      /<button[^>]*aria-label="Isochrone depuis Multi-accueil Les Lutins"[^>]*title="Isochrone depuis cet établissement"/,
    );
    expect(html).toMatch(
      /<button[^>]*aria-label="Isochrone depuis MAM Les Petits Pas"[^>]*title="[^"]*position approximative/,
    );
  });

  it('names the missing modes of an incomplete figure, and the share of AM places used', async () => {
    const html = await render({
      ...detail,
      territory: {
        ...detail.territory,
        coverage_class: 'incomplete',
        missing_modes: ['am', 'mam', 'home_care', 'preschool'],
        am_under3_share: 0.78,
      },
    });
    expect(html).toMatch(/data-field="missing_modes"/);
    expect(html).toContain(
      'Aucun fichier chargé pour les assistants maternels, les MAM, la garde à domicile et la préscolarisation.',
    );
    expect(html).toContain('Données incomplètes');
    expect(html).not.toContain('En dessous');
    expect(html).toMatch(/data-field="am_under3_share"[^>]*>[^<]*78,0\s?%/);
    expect(await render(detail)).not.toMatch(/data-field="missing_modes"/);
  });

  it('shows the Caf’s published rate beside Berceau’s, with the difference and its reasons', async () => {
    const html = await render({
      ...detail,
      caf: {
        rate: 52.6,
        difference: -4.3,
        modes: [
          { mode: 'eaje', berceau: 11.7, caf: 11.9, difference: -0.2 },
          { mode: 'am', berceau: 31, caf: 35.1, difference: -4.1 },
          { mode: 'home_care', berceau: 0.5, caf: 0.5, difference: 0 },
          { mode: 'preschool', berceau: 1.2, caf: 1.2, difference: 0 },
        ],
        differing: ['am'],
        source: 1,
      },
    });
    expect(html).toMatch(
      /data-field="caf"[^>]*>\s*Taux publié par la Caf : 52,6 ; écart de Berceau : −4,3 points, dû à : assistants maternels\./,
    );
  });

  it('warns about a small population instead of presenting the rate as reliable', async () => {
    const html = await render({
      ...detail,
      territory: {
        ...detail.territory,
        children_under3: 12,
        coverage_rate: 150,
        small_population: true,
        coverage_class: 'small_population',
      },
    });
    expect(html).toContain('Petite population :');
    expect(html).toMatch(/data-field="coverage_class"[^>]*>Petite population</);
  });

  it('writes "moins de N" and "secret" where statistical secrecy withholds childminder figures', async () => {
    const html = await render({
      ...detail,
      territory: {
        ...detail.territory,
        places_am: null,
        places_mam: null,
        places_total: null,
        coverage_rate: null,
        childminders_secret: true,
        childminders_below: 3,
      },
      supply_points: { ...detail.supply_points, childminders: null },
    });
    expect(html).toMatch(
      /role="note" data-field="childminders_secret"[^>]*>\s*Secret statistique : moins de 3 assistants maternels exercent ici/,
    );
    expect(html).toMatch(
      /data-field="places_total"[^>]*title="Secret statistique : moins de 3[^"]*"[^>]*>\s*secret/,
    );
    expect(html).toMatch(/data-field="coverage_rate"[^>]*>\s*secret/);
    expect(html).toContain('moins de 3 assistants maternels actifs');
    expect(html).toMatch(
      /data-mode="places_am"[\s\S]*?title="Secret statistique[^"]*"[^>]*>secret</,
    );
    expect(html).not.toContain('n.d.');
    expect(html).not.toContain('412');
  });
});
