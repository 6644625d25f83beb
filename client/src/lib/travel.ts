import { formatCount, formatDecimal, MISSING } from './format';

/**
 * Travel times on the dashboard: isochrone requests and band colours, the classes of
 * the "time to the nearest place" layer, and French wording of minutes. Pure: the API contract
 * is the server's (POST /api/isochrones, GET /api/travel/nearest, docs/travel-times.md).
 */
export type TravelMode = 'car' | 'walk';
export type NearestTarget = 'eaje' | 'mam' | 'formal';
export type NearestLevel = 'grid' | 'commune';

export const TRAVEL_MODES: readonly { id: TravelMode; label: string }[] = [
  { id: 'car', label: 'Voiture' },
  { id: 'walk', label: 'À pied' },
];

/** Each target: its selector label, and what it names ("EAJE ou MAM") before "d’au moins N places". */
export const NEAREST_TARGETS: readonly { id: NearestTarget; label: string; noun: string }[] = [
  { id: 'formal', label: 'EAJE ou MAM (tout établissement)', noun: 'EAJE ou MAM' },
  { id: 'eaje', label: 'EAJE', noun: 'EAJE' },
  { id: 'mam', label: 'MAM', noun: 'MAM' },
];

export const NEAREST_LEVELS: readonly { id: NearestLevel; label: string }[] = [
  { id: 'grid', label: 'Carreaux' },
  { id: 'commune', label: 'Communes' },
];

/**
 * Choices of the minimum size of the place travelled to ("Au moins N places"): 1 is every
 * facility; the API takes any whole number from 1 to {@link MAX_MIN_PLACES}.
 */
export const MIN_PLACES_CHOICES: readonly number[] = [1, 5, 10, 20];
export const MAX_MIN_PLACES = 200;

/**
 * A minimum number of places as the API and the link take it: a whole number from 2 to
 * {@link MAX_MIN_PLACES}, or null for "no minimum" (1, absent or anything else).
 */
export function validMinPlaces(n: unknown): number | null {
  return typeof n === 'number' && Number.isInteger(n) && n > 1 && n <= MAX_MIN_PLACES ? n : null;
}

/** The choices offered, with the current value among them when a link asked for another one. */
export function minPlacesChoices(current: number | null): number[] {
  const v = validMinPlaces(current);
  return [...new Set([...MIN_PLACES_CHOICES, ...(v === null ? [] : [v])])].sort((a, b) => a - b);
}

/** "1 place (tous)", "10 places": an option of the "Au moins" selector. */
export function minPlacesOptionLabel(n: number): string {
  return n <= 1 ? '1 place (tous)' : `${n} places`;
}

/**
 * What the time is measured to, for legends and captions: "EAJE ou MAM (tout établissement)",
 * "EAJE d’au moins 10 places", "EAJE ou MAM d’au moins 5 places".
 */
export function nearestTargetLabel(target: NearestTarget, minPlaces: number | null): string {
  const min = validMinPlaces(minPlaces);
  const t = NEAREST_TARGETS.find((x) => x.id === target);
  if (min === null) return t?.label ?? target;
  return `${t?.noun ?? target} d’au moins ${min} places`;
}

export function modeLabel(mode: TravelMode): string {
  return mode === 'walk' ? 'à pied' : 'en voiture';
}

// ---- isochrone requests ----

/** The limits the API enforces (docs/travel-times.md): at most 6 bands, each 1 to 60 minutes. */
export const MAX_BANDS = 6;
export const MIN_BAND_MINUTES = 1;
export const MAX_BAND_MINUTES = 60;
export const DEFAULT_BANDS: readonly number[] = [10, 20, 30];

export interface IsochroneSpec {
  lon: number;
  lat: number;
  mode: TravelMode;
  minutes: number[];
}

export interface IsochroneRequestBody {
  lon: number;
  lat: number;
  minutes: number[];
  mode: TravelMode;
  year?: number;
}

/**
 * The bands typed by a user ("10, 20 30" or "10;20;30"): sorted, duplicates dropped. Returns
 * the minutes, or a French message saying what is wrong (nothing is sent to the API then).
 */
export function parseBands(text: string): { minutes: number[] } | { error: string } {
  const parts = text
    .split(/[\s,;/]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0)
    return { error: 'Indiquez au moins une durée en minutes (par exemple 10, 20, 30).' };
  const values: number[] = [];
  for (const p of parts) {
    if (!/^\d+$/.test(p)) return { error: `« ${p} » n’est pas un nombre entier de minutes.` };
    const n = Number(p);
    if (n < MIN_BAND_MINUTES || n > MAX_BAND_MINUTES)
      return {
        error: `Chaque durée doit être comprise entre ${MIN_BAND_MINUTES} et ${MAX_BAND_MINUTES} minutes (${n} ne l’est pas).`,
      };
    values.push(n);
  }
  const minutes = [...new Set(values)].sort((a, b) => a - b);
  if (minutes.length > MAX_BANDS)
    return { error: `${MAX_BANDS} durées au plus (${minutes.length} demandées).` };
  return { minutes };
}

export function formatBands(minutes: readonly number[]): string {
  return minutes.join(', ');
}

/** The body of POST /api/isochrones; coordinates rounded to about a metre. */
export function isochroneRequestBody(
  spec: IsochroneSpec,
  year: number | null,
): IsochroneRequestBody {
  const body: IsochroneRequestBody = {
    lon: Math.round(spec.lon * 1e5) / 1e5,
    lat: Math.round(spec.lat * 1e5) / 1e5,
    minutes: [...spec.minutes].sort((a, b) => a - b),
    mode: spec.mode,
  };
  if (year !== null) body.year = year;
  return body;
}

/** Query of GET /api/travel/nearest. */
export function nearestQuery(q: {
  level: NearestLevel;
  target: NearestTarget;
  mode: TravelMode;
  year: number | null;
  minPlaces?: number | null;
}) {
  return {
    level: q.level,
    target: q.target,
    mode: q.mode,
    year: q.year,
    min_places: validMinPlaces(q.minPlaces),
  };
}

// ---- isochrone band colours ----

/**
 * Band colours, nearest band darkest: ColorBrewer YlGnBu (sequential, readable with the common
 * colour-vision deficiencies), apart from the purple–orange of the coverage choropleth.
 */
export const BAND_PALETTE: readonly string[] = [
  '#253494',
  '#2c7fb8',
  '#41b6c4',
  '#7fcdbb',
  '#c7e9b4',
  '#edf8b1',
];

/** The colours of `count` bands, nearest first: spread over the palette, always starting darkest. */
export function bandColors(count: number): string[] {
  if (count <= 0) return [];
  const n = Math.min(count, BAND_PALETTE.length);
  if (n === 1) return [BAND_PALETTE[0]];
  // 3 bands: the 1st, 3rd and 5th colours, so that neighbours differ clearly.
  const step = Math.min(2, (BAND_PALETTE.length - 1) / (n - 1));
  return Array.from({ length: n }, (_, i) => BAND_PALETTE[Math.round(i * step)]);
}

// ---- time to the nearest place ----

export interface MinuteClass {
  id: string;
  label: string;
  /** Inclusive lower bound in minutes, exclusive upper bound (null: no upper bound). */
  min: number;
  max: number | null;
  color: string;
}

/**
 * Classes of the time to the nearest place: Viridis, light yellow (close) to dark purple (far),
 * so that the far places stand out; a neutral grey for "not reached" within the API's maximum.
 */
export const MINUTE_CLASSES: readonly MinuteClass[] = [
  { id: 'lt5', label: 'moins de 5 min', min: 0, max: 5, color: '#fde725' },
  { id: '5-10', label: '5 à 10 min', min: 5, max: 10, color: '#7ad151' },
  { id: '10-15', label: '10 à 15 min', min: 10, max: 15, color: '#22a884' },
  { id: '15-20', label: '15 à 20 min', min: 15, max: 20, color: '#2a788e' },
  { id: '20-30', label: '20 à 30 min', min: 20, max: 30, color: '#414487' },
  { id: 'ge30', label: '30 min et plus', min: 30, max: null, color: '#440154' },
];
export const NOT_REACHED_CLASS: MinuteClass = {
  id: 'none',
  label: 'non atteint',
  min: Infinity,
  max: null,
  color: '#bdbdbd',
};

/** The class of a time in minutes; null, NaN or negative times are "not reached". */
export function minuteClass(minutes: number | null | undefined): MinuteClass {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0)
    return NOT_REACHED_CLASS;
  return (
    MINUTE_CLASSES.find((c) => c.max === null || minutes < c.max) ??
    MINUTE_CLASSES[MINUTE_CLASSES.length - 1]
  );
}

/** MapLibre expression colouring `minutes` with the classes above (null: not reached). */
export function minutesFillExpression(): unknown[] {
  const expr: unknown[] = ['step', ['to-number', ['get', 'minutes']], MINUTE_CLASSES[0].color];
  for (const c of MINUTE_CLASSES.slice(1)) expr.push(c.min, c.color);
  return ['case', ['==', ['typeof', ['get', 'minutes']], 'number'], expr, NOT_REACHED_CLASS.color];
}

// ---- French wording ----

/**
 * A duration in minutes as French readers write it: "8 min", "12,5 min" (one decimal under 10
 * minutes only when it is not whole), "1 h 05", "2 h". Missing: "non atteint".
 */
export function formatMinutes(minutes: number | null | undefined): string {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) return 'non atteint';
  if (minutes < 10) {
    const r = Math.round(minutes * 10) / 10;
    return `${formatDecimal(r, Number.isInteger(r) ? 0 : 1)} min`;
  }
  const total = Math.round(minutes);
  if (total < 60) return `${total} min`;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

/** An area in km²: "45,3 km²" (one decimal), "0,04 km²" under 1 km² so a small area is not 0. */
export function formatArea(km2: number | null | undefined): string {
  if (typeof km2 !== 'number' || !Number.isFinite(km2)) return MISSING;
  return `${formatDecimal(km2, km2 > 0 && km2 < 1 ? 2 : 1)} km²`;
}

/** A distance in metres: "350 m", "1,2 km". */
export function formatDistance(m: number | null | undefined): string {
  if (typeof m !== 'number' || !Number.isFinite(m)) return MISSING;
  return m < 1000 ? `${formatCount(Math.round(m))} m` : `${formatDecimal(m / 1000, 1)} km`;
}

/** "≤ 10 min" for the header of a band. */
export function bandLabel(minutes: number): string {
  return `≤ ${formatMinutes(minutes)}`;
}

/** A point for people: "47,2345° N, 2,1234° E". */
export function formatLonLat(lon: number, lat: number): string {
  return `${formatDecimal(Math.abs(lat), 4)}° ${lat >= 0 ? 'N' : 'S'}, ${formatDecimal(Math.abs(lon), 4)}° ${lon >= 0 ? 'E' : 'O'}`;
}

// ---- the origin of an isochrone ----

export interface OriginInfo {
  reachable: boolean;
  reason?: string | null;
  message?: string | null;
  /** Straight leg from the point to the road (reachable) or distance to the nearest road (not). */
  distance_m?: number | null;
  minutes?: number | null;
}

/**
 * What the panel says about the origin: where it joins the roads, or, for a point off the
 * network, the server's explanation in French words (the API's own message kept as detail).
 */
export function originText(o: OriginInfo, mode: TravelMode): string {
  const by = mode === 'walk' ? 'à pied' : 'en voiture';
  if (o.reachable) {
    if (typeof o.distance_m !== 'number' || o.distance_m < 1)
      return 'Le point de départ est sur une route.';
    const leg = typeof o.minutes === 'number' ? ` (${formatMinutes(o.minutes)} comptées)` : '';
    return `Le point de départ est rattaché à la route la plus proche utilisable ${by}, à ${formatDistance(o.distance_m)} en ligne droite${leg}.`;
  }
  const detail = o.message ? ` Réponse du serveur : ${o.message}` : '';
  switch (o.reason) {
    case 'too-far-from-road':
    case 'too_far_from_road':
      return `Ce point est trop loin d’une route utilisable ${by}${typeof o.distance_m === 'number' ? ` (la plus proche est à ${formatDistance(o.distance_m)})` : ''} : aucun temps de trajet n’est calculé. Choisissez un point plus près d’une route.${detail}`;
    case 'no-usable-road':
    case 'no_usable_road':
      return `Aucune route chargée n’est utilisable ${by} sur ce territoire.${detail}`;
    case 'disconnected':
      return `Ce point est sur une partie du réseau qui n’est reliée à aucune autre route.${detail}`;
    default:
      return `Aucun temps de trajet ne peut être calculé depuis ce point.${detail}`;
  }
}

function num(...xs: unknown[]): number | null {
  for (const x of xs) if (typeof x === 'number' && Number.isFinite(x)) return x;
  return null;
}

/**
 * The API's `origin` read as an {@link OriginInfo}: snake_case or camelCase names, times in
 * minutes or seconds, the off-network leg or the distance to the nearest road.
 */
export function originInfo(raw: Record<string, unknown> | null | undefined): OriginInfo | null {
  if (!raw || typeof raw !== 'object') return null;
  const reachable = raw.reachable !== false;
  const seconds = num(raw.off_network_s, raw.offNetwork_s);
  return {
    reachable,
    reason: typeof raw.reason === 'string' ? raw.reason : null,
    message: typeof raw.message === 'string' ? raw.message : null,
    distance_m: reachable
      ? num(raw.off_network_m, raw.offNetwork_m)
      : num(raw.nearest_road_m, raw.nearestRoad_m, raw.off_network_m, raw.offNetwork_m),
    minutes:
      num(raw.off_network_minutes, raw.offNetwork_minutes) ??
      (seconds === null ? null : seconds / 60),
  };
}
