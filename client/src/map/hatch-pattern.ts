import type { Map as MapLibreMap } from 'maplibre-gl';

/** Name of the diagonal hatching image used for small populations (rates too unstable to colour). */
export const HATCH_IMAGE = 'berceau-hatch';

/** Diagonal grey stripes on transparent pixels, drawn in code (no sprite file). */
export function hatchPixels(
  size = 8,
  color: [number, number, number] = [90, 90, 90],
): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const onStripe = (x + y) % size < 2;
      const i = (y * size + x) * 4;
      data[i] = color[0];
      data[i + 1] = color[1];
      data[i + 2] = color[2];
      data[i + 3] = onStripe ? 200 : 0;
    }
  }
  return { width: size, height: size, data };
}

/**
 * Name of the cross-hatching of incomplete figures (a mode of the rate without data): its own
 * pattern and colour, so that a lower bound is never read as a small population or a shortage.
 */
export const INCOMPLETE_HATCH_IMAGE = 'berceau-hatch-incomplete';

/** Crossed dark-blue stripes on transparent pixels (both diagonals). */
export function crossHatchPixels(
  size = 10,
  color: [number, number, number] = [33, 70, 140],
): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const onStripe = (x + y) % size < 2 || (x - y + size) % size < 2;
      const i = (y * size + x) * 4;
      data[i] = color[0];
      data[i + 1] = color[1];
      data[i + 2] = color[2];
      data[i + 3] = onStripe ? 220 : 0;
    }
  }
  return { width: size, height: size, data };
}

export function addHatchImage(map: MapLibreMap) {
  if (!map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchPixels(), { pixelRatio: 1 });
  if (!map.hasImage(INCOMPLETE_HATCH_IMAGE))
    map.addImage(INCOMPLETE_HATCH_IMAGE, crossHatchPixels(), { pixelRatio: 1 });
}
