import {
  coverageClasses,
  legendPosition,
  NO_DATA_COLOR,
  SECRET_COLOR,
  SMALL_POPULATION_COLOR,
} from '../lib/coverage-scale';
import { formatRate } from '../lib/format';

/**
 * The current map as a PNG for a slide or a report: the map image with a title above, the
 * coverage legend (national reference marked), the demonstration warning when the data are
 * fictional, and the sources below. Drawn on a 2D canvas from the map's WebGL canvas (the map is
 * created with preserveDrawingBuffer so that its pixels can be read).
 */
export interface PngExportInput {
  mapCanvas: HTMLCanvasElement;
  title: string;
  subtitle: string;
  referenceRate: number | null;
  referenceLabel: string;
  sources: string;
  fictional: boolean;
  /** Legends of the optional layers shown on the map, drawn beside the coverage legend. */
  overlays?: { title: string; items: { color: string; label: string }[] }[];
}

const FONT = '"DejaVu Sans", "Liberation Sans", Arial, sans-serif';

export function composeMapImage(input: PngExportInput): HTMLCanvasElement {
  const { mapCanvas } = input;
  const scale = Math.max(
    1,
    Math.round(mapCanvas.width / Math.max(1, mapCanvas.clientWidth || mapCanvas.width)),
  );
  const s = scale;
  const margin = 16 * s;
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `${11 * s}px ${FONT}`;
  const sourceLines = wrapText(measure, `Sources : ${input.sources}`, mapCanvas.width - 2 * margin);
  const banner = input.fictional ? 34 * s : 0;
  const header = banner + 78 * s;
  const overlayLines = layoutOverlays(
    measure,
    input.overlays ?? [],
    mapCanvas.width - 2 * margin,
    s,
  );
  // Coverage legend (about 100 px), the overlay lines, a gap, then the sources.
  const footer = (124 + overlayLines.length * 17 + sourceLines.length * 15) * s;
  const out = document.createElement('canvas');
  out.width = mapCanvas.width;
  out.height = mapCanvas.height + header + footer;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);

  if (input.fictional) {
    ctx.fillStyle = '#fff3b0';
    ctx.fillRect(0, 0, out.width, banner);
    ctx.fillStyle = '#5c4400';
    ctx.font = `bold ${16 * s}px ${FONT}`;
    ctx.textBaseline = 'middle';
    ctx.fillText('Territoire fictif — données de démonstration', margin, 17 * s);
  }
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#111111';
  ctx.font = `bold ${fitFont(ctx, input.title, 24 * s, out.width - 2 * margin, 'bold')}px ${FONT}`;
  ctx.fillText(input.title, margin, banner + 36 * s);
  ctx.fillStyle = '#333333';
  ctx.font = `${fitFont(ctx, input.subtitle, 15 * s, out.width - 2 * margin, '')}px ${FONT}`;
  ctx.fillText(input.subtitle, margin, banner + 62 * s);

  ctx.drawImage(mapCanvas, 0, header);
  ctx.strokeStyle = '#888888';
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, header + 0.5, mapCanvas.width - 1, mapCanvas.height - 1);

  const y0 = header + mapCanvas.height + 14 * s;
  drawLegend(ctx, margin, y0, s, input);
  ctx.fillStyle = '#444444';
  ctx.font = `${11 * s}px ${FONT}`;
  const sourcesY = out.height - sourceLines.length * 15 * s - 4 * s;
  sourceLines.forEach((line, i) => ctx.fillText(line, margin, sourcesY + i * 15 * s));
  drawOverlayLines(ctx, margin, y0 + 96 * s, s, overlayLines);
  return out;
}

type OverlayLegend = { title: string; items: { color: string; label: string }[] };
type Run = { kind: 'title' | 'item'; text: string; color?: string; width: number };

/**
 * Lay out the legends of the active optional layers as lines below the coverage legend:
 * "Title: ● item ● item …", wrapped to the image width. Returns the lines of runs to draw.
 */
function layoutOverlays(
  ctx: CanvasRenderingContext2D,
  overlays: OverlayLegend[],
  width: number,
  s: number,
): Run[][] {
  const lines: Run[][] = [];
  for (const o of overlays) {
    ctx.font = `bold ${12 * s}px ${FONT}`;
    let line: Run[] = [
      {
        kind: 'title',
        text: `${o.title} :`,
        width: ctx.measureText(`${o.title} :`).width + 10 * s,
      },
    ];
    let used = line[0].width;
    ctx.font = `${11 * s}px ${FONT}`;
    for (const item of o.items) {
      const w = 18 * s + ctx.measureText(item.label).width + 12 * s;
      if (used + w > width) {
        lines.push(line);
        line = [];
        used = 20 * s;
      }
      line.push({ kind: 'item', text: item.label, color: item.color, width: w });
      used += w;
    }
    lines.push(line);
  }
  return lines;
}

function drawOverlayLines(
  ctx: CanvasRenderingContext2D,
  x0: number,
  y0: number,
  s: number,
  lines: Run[][],
) {
  lines.forEach((line, i) => {
    let x = x0 + (line[0]?.kind === 'title' ? 0 : 20 * s);
    const y = y0 + i * 17 * s;
    for (const run of line) {
      if (run.kind === 'title') {
        ctx.fillStyle = '#111111';
        ctx.font = `bold ${12 * s}px ${FONT}`;
        ctx.fillText(run.text, x, y);
      } else {
        ctx.fillStyle = run.color!;
        ctx.beginPath();
        ctx.arc(x + 6 * s, y - 4 * s, 5 * s, 0, 2 * Math.PI);
        ctx.fill();
        ctx.strokeStyle = '#191919';
        ctx.lineWidth = 1;
        ctx.stroke();
        ctx.fillStyle = '#222222';
        ctx.font = `${11 * s}px ${FONT}`;
        ctx.fillText(run.text, x + 16 * s, y);
      }
      x += run.width;
    }
  });
}

/** The largest font size (at most `size`) at which `text` fits in `width`. */
function fitFont(
  ctx: CanvasRenderingContext2D,
  text: string,
  size: number,
  width: number,
  weight: string,
): number {
  let px = size;
  for (; px > 10; px--) {
    ctx.font = `${weight} ${px}px ${FONT}`;
    if (ctx.measureText(text).width <= width) break;
  }
  return px;
}

/** Split `text` into lines no wider than `width` (at spaces). */
function wrapText(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(candidate).width > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

function drawLegend(
  ctx: CanvasRenderingContext2D,
  x0: number,
  y0: number,
  s: number,
  input: PngExportInput,
) {
  const classes = coverageClasses();
  const boxW = 96 * s;
  const boxH = 16 * s;
  ctx.fillStyle = '#111111';
  ctx.font = `bold ${14 * s}px ${FONT}`;
  ctx.fillText(
    'Taux de couverture global (places pour 100 enfants de moins de 3 ans)',
    x0,
    y0 + 12 * s,
  );
  const barY = y0 + 22 * s;
  classes.forEach((c, i) => {
    ctx.fillStyle = c.color;
    ctx.fillRect(x0 + i * boxW, barY, boxW, boxH);
    ctx.strokeStyle = '#555555';
    ctx.lineWidth = 1;
    ctx.strokeRect(x0 + i * boxW, barY, boxW, boxH);
  });
  ctx.fillStyle = '#222222';
  ctx.font = `${12 * s}px ${FONT}`;
  ['40', '55', '70', '85'].forEach((b, i) =>
    ctx.fillText(b, x0 + (i + 1) * boxW - 7 * s, barY + boxH + 14 * s),
  );
  if (input.referenceRate !== null) {
    const rx = x0 + legendPosition(input.referenceRate) * boxW * classes.length;
    ctx.strokeStyle = '#000000';
    ctx.lineWidth = 3 * s;
    ctx.beginPath();
    ctx.moveTo(rx, barY - 5 * s);
    ctx.lineTo(rx, barY + boxH + 3 * s);
    ctx.stroke();
    ctx.fillStyle = '#000000';
    ctx.font = `bold ${12 * s}px ${FONT}`;
    ctx.fillText(
      `${input.referenceLabel} : ${formatRate(input.referenceRate)}`,
      rx - 40 * s,
      barY + boxH + 30 * s,
    );
  }
  const ex = x0 + classes.length * boxW + 24 * s;
  const items: [string, string][] = [
    [SMALL_POPULATION_COLOR, 'Petite population (taux instable, hachuré)'],
    [SECRET_COLOR, 'Secret statistique (trop peu d’assistants maternels)'],
    [NO_DATA_COLOR, 'Pas de donnée'],
  ];
  items.forEach(([color, label], i) => {
    ctx.fillStyle = color;
    ctx.fillRect(ex, barY + i * 22 * s, 18 * s, boxH);
    ctx.strokeStyle = '#555555';
    ctx.lineWidth = 1;
    ctx.strokeRect(ex, barY + i * 22 * s, 18 * s, boxH);
    ctx.fillStyle = '#222222';
    ctx.font = `${12 * s}px ${FONT}`;
    ctx.fillText(label, ex + 24 * s, barY + i * 22 * s + 12 * s);
  });
}

export function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png'),
  );
}

/** Hand a file to the browser's download (an anchor with `download`). */
export function downloadBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
