import { TextLayer } from '@deck.gl/layers';
import type { TerritoryFeature } from '../api/types';
import { formatRate } from '../lib/format';

/**
 * Territory names (and, for EPCI, their rate) drawn by deck.gl with the browser's fonts: no
 * glyph server, so labels work offline. Commune names appear from zoom 9 to stay readable.
 */
export interface LabelsLayerProps {
  features: TerritoryFeature[];
  level: 'epci' | 'commune';
  zoom: number;
}

export const COMMUNE_LABELS_MIN_ZOOM = 9;
export const LABEL_FONT = '"DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif';

export function labelText(f: TerritoryFeature, level: 'epci' | 'commune'): string {
  const rate = f.properties.small_population ? 'petite pop.' : formatRate(f.properties.coverage_rate);
  return level === 'epci' ? `${f.properties.name}\n${rate}` : f.properties.name;
}

export function labelsLayer({ features, level, zoom }: LabelsLayerProps) {
  const visible = level === 'epci' || zoom >= COMMUNE_LABELS_MIN_ZOOM;
  const data = features.filter((f) => f.properties.label_point);
  return new TextLayer<TerritoryFeature>({
    id: `labels-${level}`,
    data,
    visible,
    characterSet: 'auto',
    fontFamily: LABEL_FONT,
    fontWeight: 600,
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    getPosition: (f) => f.properties.label_point as [number, number],
    getText: (f) => labelText(f, level),
    getSize: level === 'epci' ? 14 : 12,
    sizeUnits: 'pixels',
    getColor: [20, 20, 20, 255],
    outlineWidth: 4,
    outlineColor: [255, 255, 255, 230],
    lineHeight: 1.15,
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    updateTriggers: { getText: [level] },
  });
}
