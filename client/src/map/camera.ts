import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Bbox } from '../lib/bbox';

/** Padding, in pixels, kept around a fitted territory (clear of the panels over the map). */
export type FitPadding = number | { top: number; right: number; bottom: number; left: number };

/** Whether the whole bbox (WGS84 degrees) is in view already. */
export function showsBbox(map: MapLibreMap, bbox: Bbox): boolean {
  const b = map.getBounds();
  return (
    b.getWest() <= bbox[0] &&
    b.getSouth() <= bbox[1] &&
    b.getEast() >= bbox[2] &&
    b.getNorth() >= bbox[3]
  );
}

/** Whether the bbox would be drawn smaller than `share` of the view in both directions. */
export function showsBboxSmall(map: MapLibreMap, bbox: Bbox, share = 0.15): boolean {
  const b = map.getBounds();
  return (
    bbox[2] - bbox[0] < (b.getEast() - b.getWest()) * share &&
    bbox[3] - bbox[1] < (b.getNorth() - b.getSouth()) * share
  );
}

/**
 * Fit a territory with some of its surroundings (`margin`: a share of its size on each side,
 * a third by default) for context.
 */
export function fitBbox(
  map: MapLibreMap,
  bbox: Bbox,
  o: { animate: boolean; margin: number; maxZoom: number; padding: FitPadding },
) {
  const dx = (bbox[2] - bbox[0]) * o.margin;
  const dy = (bbox[3] - bbox[1]) * o.margin;
  const [w, s, e, n] = [bbox[0] - dx, bbox[1] - dy, bbox[2] + dx, bbox[3] + dy];
  map.fitBounds(
    [
      [w, s],
      [e, n],
    ],
    { padding: o.padding, duration: o.animate ? 900 : 0, maxZoom: o.maxZoom },
  );
}
