import { ref, type Ref } from 'vue';
import type { Dataset, TerritoryProperties } from '../api/types';
import { exportFileName, mapCaptions, type CaptionInput } from '../lib/export-captions';
import { territoriesCsv } from '../lib/territory-table';
import type { MapLevel } from '../lib/url-state';
import {
  canvasToBlob,
  composeMapImage,
  downloadBlob,
  type PngExportInput,
} from '../map/export-png';
import type { OverlayLegend } from '../map/overlay-legends';

/** What the exports say: the map's captions, its legends, the table's rows and sources. */
export interface ExportContext extends CaptionInput {
  level: MapLevel;
  /** In the file names: the exports of two départements do not overwrite each other. */
  departement: string | null;
  fictional: boolean;
  /** Legends of the optional layers and of the isochrone shown. */
  overlays: OverlayLegend[];
  /** The table's rows, in its order. */
  rows: TerritoryProperties[];
  /** The datasets of the table's figures (the list's metadata). */
  rowDatasets: Dataset[];
}

/** The map as drawn (the controller, or a fake in tests). */
export interface MapImageSource {
  idle(): Promise<void>;
  canvas(): HTMLCanvasElement;
}

/** How a file leaves the browser; replaced in tests. */
export interface ExportIo {
  png(input: PngExportInput): Promise<Blob>;
  download(blob: Blob, name: string): void;
}

const BROWSER_IO: ExportIo = {
  png: (input) => canvasToBlob(composeMapImage(input)),
  download: downloadBlob,
};

/**
 * The table as French CSV and the map as a PNG with title, legend and sources (lib/export-captions
 * and map/export-png do the work), with a message for screen readers once done.
 */
export function useMapExport(
  map: Ref<MapImageSource | null>,
  context: () => ExportContext,
  io: ExportIo = BROWSER_IO,
) {
  const exporting = ref(false);
  const message = ref('');

  function exportCsv() {
    const c = context();
    const csv = territoriesCsv(c.rows, c.rowDatasets);
    io.download(
      new Blob([csv], { type: 'text/csv;charset=utf-8' }),
      exportFileName('tableau', c.level, c.year, 'csv', c.departement),
    );
    message.value = `Tableau exporté en CSV (${c.rows.length} territoires).`;
  }

  async function exportPng() {
    const m = map.value;
    if (!m) return;
    exporting.value = true;
    try {
      await m.idle();
      const c = context();
      const captions = mapCaptions(c);
      const png = await io.png({
        mapCanvas: m.canvas(),
        ...captions,
        referenceRate: c.national?.rate ?? null,
        fictional: c.fictional,
        overlays: c.overlays,
      });
      io.download(png, exportFileName('carte', c.level, c.year, 'png', c.departement));
      message.value = 'Carte exportée en PNG.';
    } catch (e) {
      message.value = `Échec de l’export PNG : ${(e as Error).message}`;
    } finally {
      exporting.value = false;
    }
  }

  return { exporting, message, exportCsv, exportPng };
}
