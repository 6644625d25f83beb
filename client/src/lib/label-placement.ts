/**
 * Which territory labels to draw so that none overlaps another: a greedy placement in screen
 * pixels, most important first (the territories with the most children under 3), kept only when
 * the label box lies inside the view and touches no label already placed. A grid of cells keeps
 * it linear for thousands of communes.
 */
export interface LabelVariant {
  width: number;
  height: number;
  /** Shift of the box from the anchor, in pixels (to try a label beside its point). */
  dx?: number;
  dy?: number;
}

export interface LabelCandidate {
  id: string;
  /** Anchor (box centre) in screen pixels. */
  x: number;
  y: number;
  /** Boxes to try in order (e.g. name and rate, then the rate alone); the first that fits wins. */
  variants: LabelVariant[];
  priority: number;
}

type Box = [number, number, number, number];

/** The index of the variant placed for each label id (labels that fit nowhere are absent). */
export function placeLabels(
  candidates: LabelCandidate[],
  view: { width: number; height: number },
  gap = 4,
  cell = 96,
): Map<string, number> {
  const placed = new Map<string, number>();
  const grid = new Map<string, Box[]>();
  const cellsOf = (box: Box) => {
    const cells: string[] = [];
    for (let i = Math.floor(box[0] / cell); i <= Math.floor(box[2] / cell); i++) {
      for (let j = Math.floor(box[1] / cell); j <= Math.floor(box[3] / cell); j++)
        cells.push(`${i}:${j}`);
    }
    return cells;
  };
  const sorted = [...candidates].sort(
    (a, b) => b.priority - a.priority || a.id.localeCompare(b.id),
  );
  // Every label first tries its full text; labels left out then try their shorter variants.
  for (let pass = 0; pass < Math.max(0, ...candidates.map((c) => c.variants.length)); pass++) {
    for (const c of sorted) {
      if (placed.has(c.id) || !c.variants[pass]) continue;
      const { width, height, dx = 0, dy = 0 } = c.variants[pass];
      const [x, y] = [c.x + dx, c.y + dy];
      const box: Box = [
        x - width / 2 - gap,
        y - height / 2 - gap,
        x + width / 2 + gap,
        y + height / 2 + gap,
      ];
      if (box[0] < 0 || box[1] < 0 || box[2] > view.width || box[3] > view.height) continue;
      const cells = cellsOf(box);
      const hit = cells.some((k) =>
        grid.get(k)?.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]),
      );
      if (hit) continue;
      placed.set(c.id, pass);
      for (const k of cells) {
        const list = grid.get(k);
        if (list) list.push(box);
        else grid.set(k, [box]);
      }
    }
  }
  return placed;
}

const EPCI_PREFIXES: [RegExp, string][] = [
  [/^Communauté de communes\s+/i, 'CC '],
  [/^Communauté d[’']agglomération\s+/i, 'CA '],
  [/^Communauté urbaine\s+/i, 'CU '],
];

/** "Communauté de communes du Val d'Ondrelle" → "CC du Val d'Ondrelle": how planners write it. */
export function shortTerritoryName(name: string): string {
  for (const [re, short] of EPCI_PREFIXES) if (re.test(name)) return name.replace(re, short);
  return name;
}

/** Break a label into lines of about `maxChars` characters, at spaces only (never inside a name part). */
export function wrapLabel(text: string, maxChars = 18): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Estimated box of a label in pixels (the browser's sans-serif, bold: about 0.62 em per character). */
export function labelBox(lines: string[], sizePx: number): { width: number; height: number } {
  const longest = Math.max(...lines.map((l) => l.length));
  return { width: longest * sizePx * 0.62, height: lines.length * sizePx * 1.15 };
}
