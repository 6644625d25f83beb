import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import type { IsochroneCollection } from '../../api/types';
import type { OriginInfo } from '../../lib/travel';
import { isochroneBand } from '../../../test/fixtures';
import IsochronePanel from './IsochronePanel.vue';

// Rendered without a DOM through Vue's server renderer, as the other panels.
const band = isochroneBand;

const METADATA: IsochroneCollection['metadata'] = {
  mode: 'car',
  year: 2024,
  years: [2024],
  minutes: [10, 20],
  cell_m: 100,
  children_method: 'commune_area_share',
  am_under3_share: 0.81,
  fictional: true,
  datasets: [],
};
const AT = { lon: 2.5, lat: 47.1 };

function render(props: {
  data?: IsochroneCollection | null;
  origin?: OriginInfo | null;
  error?: string | null;
  loading?: boolean;
  originLabel?: string | null;
}) {
  return renderToString(
    createSSRApp({
      render: () =>
        h(IsochronePanel, {
          spec: { lon: 2.5, lat: 47.1, mode: 'car', minutes: [10, 20] },
          originLabel: props.originLabel ?? null,
          data: props.data ?? null,
          origin: props.origin ?? null,
          loading: props.loading ?? false,
          error: props.error ?? null,
          sources: 'Population (2024) [fictif]',
        }),
    }),
  );
}

describe('IsochronePanel', () => {
  it('lists each band with children (estimated), places by mode, total and area in French numbers', async () => {
    const data: IsochroneCollection = {
      type: 'FeatureCollection',
      // Out of order on purpose: the panel shows the nearest band first.
      features: [
        band(20, {
          children_under3: 3000,
          places_total: 900,
          area_km2: 180.04,
          am_withheld_communes: 2,
        }),
        band(10),
      ],
      origin: {
        reachable: true,
        ...AT,
        snapped: { lon: 2.501, lat: 47.1 },
        off_network_m: 120,
        off_network_minutes: 0.36,
        edge_id: 7,
      },
      metadata: METADATA,
    };
    const html = await render({
      data,
      origin: { reachable: true, distance_m: 120, minutes: 0.36 },
      originLabel: 'Crèche Les Lutins',
    });
    expect(html).toContain('Isochrone en voiture depuis Crèche Les Lutins');
    expect(html.indexOf('≤ 10 min')).toBeLessThan(html.indexOf('≤ 20 min'));
    expect(html).toMatch(/data-band="10" data-field="children_under3"[^>]*>\s*1\u202f234,4\s*</);
    expect(html).toMatch(/data-band="10" data-field="places_am"[^>]*>\s*412\s*</);
    // Under the childminders' figure: how their places at home are spread.
    expect(html).toMatch(
      /data-note="places_am"[^>]*>à domicile : celles de chaque commune, au prorata des enfants atteints</,
    );
    expect(html).toMatch(/data-band="20" data-field="places_total"[^>]*>\s*900\s*</);
    expect(html).toMatch(/data-band="20" data-field="area_km2"[^>]*>\s*180,0 km²\s*</);
    expect(html).toContain('(estimé)');
    expect(html).toContain('fictif');
    expect(html).toContain('à 120 m en ligne droite');
    expect(html).toContain('Sources : Population (2024) [fictif]');
    // Statistical secrecy: the childminders at home of 2 communes are not counted.
    expect(html).toMatch(
      /data-field="am_withheld_communes"[^>]*>\s*Secret statistique : les assistants maternels à domicile de 2\s+communes/,
    );
  });

  it('says how children were counted: the grid’s cells, or a commune’s area where it has none', async () => {
    const collection = (features: IsochroneCollection['features']): IsochroneCollection => ({
      type: 'FeatureCollection',
      features,
      origin: {
        reachable: true,
        ...AT,
        snapped: { lon: 2.5, lat: 47.1 },
        off_network_m: 0,
        off_network_minutes: 0,
        edge_id: 1,
      },
      metadata: METADATA,
    });
    const grid = { children_method: 'demand_grid' as const, children_estimated: false };
    const byGrid = await render({ data: collection([band(10, grid), band(20, grid)]) });
    expect(byGrid).not.toContain('(estimé)');
    expect(byGrid).toContain('carreaux de 200 m de la population dont le centre est atteint.');
    expect(byGrid).not.toContain('au prorata de la surface');

    const mixed = await render({
      data: collection([
        band(10, grid),
        band(20, { children_method: 'demand_grid_and_area', children_estimated: true }),
      ]),
    });
    expect(mixed).toContain('(estimé)');
    expect(mixed).toContain('sans carroyage, ceux des communes au prorata de la surface atteinte');
  });

  it('shows an API error as a message, and a point off the network as an alert with the explanation', async () => {
    const failed = await render({
      error: 'Point outside the territory (erreur 400 invalid_request)',
    });
    expect(failed).toContain('role="alert"');
    expect(failed).toContain('L’isochrone n’a pas pu être calculée.');
    expect(failed).toContain('Point outside the territory');
    expect(failed).not.toContain('<table');

    const off = await render({
      data: {
        type: 'FeatureCollection',
        features: [],
        origin: {
          reachable: false,
          ...AT,
          snapped: null,
          reason: 'too-far-from-road',
          message: 'beyond the 2000 m limit',
          nearest_road_m: 2600,
        },
        metadata: { ...METADATA, cell_m: null },
      },
      origin: { reachable: false, reason: 'too-far-from-road', distance_m: 2600 },
    });
    expect(off).toMatch(
      /role="alert"[^>]*>\s*Ce point est trop loin d’une route utilisable en voiture \(la plus proche est à 2,6 km\)/,
    );
    expect(off).toContain('Isochrone en voiture depuis 47,1000° N, 2,5000° E');
  });
});
