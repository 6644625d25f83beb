import { describe, expect, it } from 'vitest';
import { effectScope, ref } from 'vue';
import type { PngExportInput } from '../map/export-png';
import { collection, dataset, territory } from '../../test/fixtures';
import { useMapExport, type ExportContext, type MapImageSource } from './useMapExport';

const ROWS = collection('epci', [
  territory('epci', '200000001', 'CC du Val', { coverage_rate: 42.5 }),
  territory('epci', '200000002', 'CC des Monts', { coverage_rate: 71 }),
]).features.map((f) => f.properties);

function context(): ExportContext {
  return {
    level: 'epci',
    year: 2024,
    departement: '18',
    levelLabel: 'Intercommunalités',
    territoryName: 'Cher',
    national: { rate: 60.9, year: 2023 },
    datasets: [dataset(1, 'population', 'Population INSEE')],
    fictional: false,
    overlays: [{ title: 'Routes', items: [{ color: '#c0392b', label: 'Route nationale' }] }],
    rows: ROWS,
    rowDatasets: [dataset(1, 'population', 'Population INSEE')],
  };
}

function setUp(map: MapImageSource | null, png: (i: PngExportInput) => Promise<Blob>) {
  const files: { name: string; blob: Blob }[] = [];
  const pngInputs: PngExportInput[] = [];
  const scope = effectScope();
  const e = scope.run(() =>
    useMapExport(ref(map), context, {
      png: (i) => {
        pngInputs.push(i);
        return png(i);
      },
      download: (blob, name) => files.push({ name, blob }),
    }),
  )!;
  return { e, files, pngInputs };
}

const canvas = { width: 800 } as unknown as HTMLCanvasElement;
const drawnMap: MapImageSource = { idle: async () => {}, canvas: () => canvas };

describe('useMapExport', () => {
  it('exports the table’s rows as French CSV named after the level, year and département', async () => {
    const { e, files } = setUp(drawnMap, async () => new Blob());
    e.exportCsv();
    expect(files.map((f) => f.name)).toEqual(['berceau-epci-2024-dep18.csv']);
    const lines = (await files[0].blob.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^200000001;CC du Val;/);
    expect(e.message.value).toBe('Tableau exporté en CSV (2 territoires).');
  });

  it('exports the map with its title, reference, legends and sources', async () => {
    const { e, files, pngInputs } = setUp(drawnMap, async () => new Blob(['png']));
    await e.exportPng();
    expect(pngInputs[0]).toEqual({
      mapCanvas: canvas,
      title: 'Taux de couverture de l’accueil du jeune enfant — Intercommunalités, 2024',
      subtitle:
        'Cher · places pour 100 enfants de moins de 3 ans (méthode Cnaf/ONAPE) · référence France 2023 : 60,9',
      referenceLabel: 'France 2023',
      referenceRate: 60.9,
      sources: 'Population INSEE (2024)',
      fictional: false,
      overlays: [{ title: 'Routes', items: [{ color: '#c0392b', label: 'Route nationale' }] }],
    });
    expect(files.map((f) => f.name)).toEqual(['berceau-carte-epci-2024-dep18.png']);
    expect(e.message.value).toBe('Carte exportée en PNG.');
    expect(e.exporting.value).toBe(false);
  });

  it('says why a PNG export failed, and nothing is downloaded', async () => {
    const { e, files } = setUp(drawnMap, async () => {
      throw new Error('canvas trop grand');
    });
    await e.exportPng();
    expect(files).toEqual([]);
    expect(e.message.value).toBe('Échec de l’export PNG : canvas trop grand');
    expect(e.exporting.value).toBe(false);
  });

  it('does nothing before the map exists', async () => {
    const { e, files } = setUp(null, async () => new Blob());
    await e.exportPng();
    expect(files).toEqual([]);
    expect(e.message.value).toBe('');
  });
});
