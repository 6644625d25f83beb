import { TextLayer } from '@deck.gl/layers';
import type { TerritoryFeature } from '../api/types';
import { formatRate } from '../lib/format';
import { labelBox, placeLabels, shortTerritoryName, wrapLabel } from '../lib/label-placement';

/**
 * Territory names (and their rate) drawn by deck.gl with the browser's fonts: no glyph server,
 * so labels work offline. Labels never overlap: lib/label-placement.ts keeps the territories
 * with the most children first and drops what does not fit (recomputed after each move).
 */
export interface LabelsLayerProps {
  features: TerritoryFeature[];
  level: 'epci' | 'ept' | 'commune';
  /** lon/lat → screen pixels of the map. */
  project: (lonLat: [number, number]) => { x: number; y: number };
  view: { width: number; height: number };
  /** Text scale: 1 at the base font size (14 px); larger on a projector, where the page font grows. */
  scale?: number;
}

export const LABEL_FONT = '"DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif';
const SIZE = { epci: 14, ept: 14, commune: 12 } as const;

interface Label {
  id: string;
  position: [number, number];
  text: string;
  offset: [number, number];
}

export function labelText(f: TerritoryFeature, level: 'epci' | 'ept' | 'commune'): string[] {
  const p = f.properties;
  // A zone blanche is a count (children, no formal place), meaningful even for a small population.
  const rate =
    p.coverage_class === 'zone_blanche'
      ? 'aucune place'
      : p.small_population
        ? 'petite pop.'
        : p.childminders_secret
          ? 'secret'
          : formatRate(p.coverage_rate);
  const full = [...wrapLabel(shortTerritoryName(p.name), level === 'commune' ? 16 : 18), rate].join(
    '\n',
  );
  // Where the name does not fit, the rate alone still tells the story.
  return [full, rate];
}

export function labelsLayer({ features, level, project, view, scale = 1 }: LabelsLayerProps) {
  const size = Math.round(SIZE[level] * scale);
  const candidates = [];
  const texts = new Map<
    string,
    { position: [number, number]; variants: { text: string; dx?: number; dy?: number }[] }
  >();
  for (const f of features) {
    const at = f.properties.label_point;
    if (!at) continue;
    const [full, short] = labelText(f, level);
    const { x, y } = project(at);
    const fullBox = labelBox(full.split('\n'), size);
    const shortBox = labelBox([short], size);
    // Full label on its point; else the rate alone on it, then just above or below it.
    const variants = [
      { text: full, ...fullBox },
      { text: short, ...shortBox },
      { text: short, ...shortBox, dy: -shortBox.height - 2 },
      { text: short, ...shortBox, dy: shortBox.height + 2 },
    ];
    texts.set(f.properties.code, { position: at, variants });
    candidates.push({
      id: f.properties.code,
      x,
      y,
      priority: f.properties.children_under3 ?? 0,
      variants,
    });
  }
  const data: Label[] = [];
  for (const [id, variant] of placeLabels(candidates, view)) {
    const t = texts.get(id)!;
    const v = t.variants[variant];
    data.push({ id, position: t.position, text: v.text, offset: [v.dx ?? 0, v.dy ?? 0] });
  }
  return new TextLayer<Label>({
    id: `labels-${level}`,
    data,
    characterSet: 'auto',
    fontFamily: LABEL_FONT,
    fontWeight: 600,
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    getPosition: (l) => l.position,
    getPixelOffset: (l) => l.offset,
    getText: (l) => l.text,
    getSize: size,
    sizeUnits: 'pixels',
    getColor: [20, 20, 20, 255],
    outlineWidth: 4,
    outlineColor: [255, 255, 255, 230],
    lineHeight: 1.1,
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
  });
}
