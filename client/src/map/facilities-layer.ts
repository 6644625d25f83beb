import { ScatterplotLayer } from '@deck.gl/layers';
import type { FacilityCollection, FacilityProperties } from '../api/types';
import { hexToRgb } from '../lib/coverage-scale';
import { facilityRadius, kindGroup, MAM_COLOR } from '../lib/facilities';

/**
 * EAJE and MAM as deck.gl scatterplots (GET /api/facilities for the loaded territory): EAJE
 * coloured by type family and sized by authorised places (area ∝ places), MAM in one colour,
 * sized the same way. Approximate locations (commune centre) are drawn hollow.
 */
type Facility = FacilityCollection['features'][number];

export interface FacilitiesLayerProps {
  data: FacilityCollection | null;
  type: 'eaje' | 'mam';
  visible: boolean;
}

function fillColor(p: FacilityProperties): [number, number, number, number] {
  const rgb = hexToRgb(p.type === 'mam' ? MAM_COLOR : kindGroup(p.kind).color);
  return p.location_approximate ? [...rgb, 60] : [...rgb, 230];
}

export function facilitiesLayer({ data, type, visible }: FacilitiesLayerProps) {
  const features = (data?.features ?? []).filter((f) => f.properties.type === type);
  return new ScatterplotLayer<Facility>({
    id: `facilities-${type}`,
    data: features,
    visible,
    pickable: true,
    radiusUnits: 'pixels',
    getPosition: (f) => f.geometry.coordinates as [number, number],
    getRadius: (f) => facilityRadius(f.properties.places),
    getFillColor: (f) => fillColor(f.properties),
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.2,
    // A dark rim keeps the symbols apart from any fill colour below them.
    getLineColor: [25, 25, 25, 255],
    updateTriggers: { getFillColor: [type] },
  });
}
