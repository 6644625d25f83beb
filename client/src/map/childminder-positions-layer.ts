import { ScatterplotLayer } from '@deck.gl/layers';
import { hexToRgb } from '../lib/coverage-scale';
import type { ChildminderPositions } from '../lib/childminder-positions';
import { CHILDMINDERS_COLOR } from '../lib/facilities';

/**
 * Childminders' homes (GET /api/childminders) as a deck.gl scatterplot, for the signed-in
 * planners, reviewers and admins who turned the layer on: personal data, never drawn for the
 * public (the client never asks for it then). Active childminders filled, inactive hollow.
 */
export const CHILDMINDER_POSITIONS_LAYER = 'childminder-positions';

type Position = ChildminderPositions['features'][number];

export function childminderPositionsLayer(data: ChildminderPositions) {
  const rgb = hexToRgb(CHILDMINDERS_COLOR);
  return new ScatterplotLayer<Position>({
    id: CHILDMINDER_POSITIONS_LAYER,
    data: data.features,
    pickable: true,
    radiusUnits: 'pixels',
    getPosition: (f) => f.geometry.coordinates as [number, number],
    getRadius: 4,
    getFillColor: (f) => (f.properties.active ? [...rgb, 220] : [...rgb, 40]),
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    getLineColor: [255, 255, 255, 255],
  });
}
