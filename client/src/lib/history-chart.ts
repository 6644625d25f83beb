/**
 * Geometry of the small history chart (coverage rate by year) of the territory panel, as SVG
 * path data in a box of width × height pixels. Pure, so that scales are tested without a DOM.
 */
export interface HistoryPoint {
  year: number;
  rate: number | null;
}

export interface ChartGeometry {
  path: string;
  points: { x: number; y: number; year: number; rate: number }[];
  yMin: number;
  yMax: number;
  referenceY: number | null;
  x: (year: number) => number;
  y: (rate: number) => number;
}

export function historyChart(
  history: HistoryPoint[],
  reference: number | null,
  box: {
    width: number;
    height: number;
    padLeft: number;
    padRight: number;
    padTop: number;
    padBottom: number;
  },
): ChartGeometry {
  const known = history.filter(
    (h): h is { year: number; rate: number } => typeof h.rate === 'number',
  );
  const years = history.map((h) => h.year);
  const y0 = Math.min(...years);
  const y1 = Math.max(...years);
  const values = [...known.map((h) => h.rate), ...(reference !== null ? [reference] : [])];
  // Round the axis to tens and keep 0 out unless rates are near it: the change is what matters.
  const yMin = values.length ? Math.max(0, Math.floor((Math.min(...values) - 5) / 10) * 10) : 0;
  const yMax = values.length ? Math.ceil((Math.max(...values) + 5) / 10) * 10 : 100;
  const innerW = box.width - box.padLeft - box.padRight;
  const innerH = box.height - box.padTop - box.padBottom;
  const x = (year: number) =>
    box.padLeft + (y1 === y0 ? innerW / 2 : ((year - y0) / (y1 - y0)) * innerW);
  const y = (rate: number) => box.padTop + innerH - ((rate - yMin) / (yMax - yMin || 1)) * innerH;
  const points = known.map((h) => ({ x: x(h.year), y: y(h.rate), year: h.year, rate: h.rate }));
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ');
  return { path, points, yMin, yMax, referenceY: reference !== null ? y(reference) : null, x, y };
}
