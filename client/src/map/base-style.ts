import type { StyleSpecification } from 'maplibre-gl';

/**
 * The default style, built in code so that the map works with no internet: a plain background
 * and nothing fetched from elsewhere (no tiles, glyphs or sprites from a third party). Labels are
 * drawn by deck.gl's TextLayer with the browser's own fonts (see labels-layer.ts); our data
 * layers are added by their own modules. An online basemap, when configured, replaces this
 * style (see map-controller.ts).
 */
export const BACKGROUND_COLOR = '#e4e8ec';

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'Berceau hors ligne',
    sources: {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
    ],
  };
}
