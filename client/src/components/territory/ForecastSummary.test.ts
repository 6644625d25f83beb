import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { FORECAST_EXAMPLE } from '../../../../contract/forecast';
import type { TerritoryForecast } from '../../api/types';
import ForecastSummary from './ForecastSummary.vue';

function render(forecast: TerritoryForecast | null, extra: object = {}) {
  return renderToString(
    createSSRApp({
      render: () => h(ForecastSummary, { forecast, loading: false, error: null, ...extra }),
    }),
  );
}

const text = (html: string) =>
  html
    .replace(/<!--[^>]*-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
const figure = (html: string, name: string) =>
  new RegExp(`data-figure="${name}"[^>]*>([^<]*)<`).exec(html)?.[1].trim();

const base = FORECAST_EXAMPLE as TerritoryForecast;
const withDepartures: TerritoryForecast = {
  ...base,
  coverage_rate_departures: {
    ...base.coverage_rate!,
    name: 'Sans changement, moins les départs d’assistantes maternelles',
    points: [{ ...base.coverage_rate!.points[0], places_counted: 70.67, rate: 60.1 }],
  },
  childminder_departures: {
    method_text: 'Projection : départ de chaque assistante maternelle l’année de ses 63 ans',
    retirement_age: 63,
    active: { count: 4, agreement_places: 15 },
    known_age: { count: 3, agreement_places: 11 },
    unknown_age: { count: 1, agreement_places: 4 },
    years: [
      {
        year: 2025,
        departures: 1,
        agreement_places_lost: 4,
        cumulative_departures: 1,
        cumulative_agreement_places_lost: 4,
      },
      {
        year: 2029,
        departures: 0,
        agreement_places_lost: 0,
        cumulative_departures: 2,
        cumulative_agreement_places_lost: 8,
      },
    ],
    warnings: [],
  },
  missing_inputs: [],
};

describe('ForecastSummary', () => {
  it('labels the figures as a projection and gives children with their range and the rate', async () => {
    const html = await render(base);
    expect(text(html)).toContain('Projection : ce ne sont pas des chiffres observés');
    expect(figure(html, 'forecast-children-2027')).toBe('118 (112 – 123)');
    expect(figure(html, 'forecast-rate-2027')).toBe('65,6');
    // Without ages: no departures column, and the missing input said.
    expect(html).not.toContain('forecast-rate-departures');
    expect(text(html)).toContain('Âges des assistantes maternelles non disponibles');
  });

  it('adds the rate minus departures and the departures where ages are known', async () => {
    const html = await render(withDepartures);
    expect(figure(html, 'forecast-rate-departures-2027')).toBe('60,1');
    expect(text(html)).toContain(
      '2 assistantes maternelles sur 4 atteindraient l’âge de la retraite d’ici 2029 (8 places d’agrément), âge inconnu pour 1.',
    );
  });

  it('says secret where the rate is withheld, and why a projection is missing', async () => {
    expect(figure(await render({ ...base, coverage_rate: null }), 'forecast-rate-2027')).toBe(
      'secret',
    );
    const failed = await render(null, { error: 'Aucune donnée de population' });
    expect(text(failed)).toContain('Projections non disponibles : Aucune donnée de population');
  });
});
