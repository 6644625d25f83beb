import type {
  AccessibilityAnswer,
  ChildminderCollection,
  FacilityCollection,
  Health,
  IsochroneCollection,
  GapZoneCollection,
  NearestCollection,
  DecisionBody,
  ReviewList,
  ReviewPatchBody,
  ZoneComment,
  ZoneDecision,
  ZoneReview,
  ZoneReviewAnswer,
  SavedScenario,
  SavedScenarioBody,
  SavedScenarioList,
  SavedScenarioUpdateBody,
  ScenarioAnswer,
  ScenarioBody,
  SiteCardAnswer,
  SiteCardBody,
  SiteSelectionAnswer,
  SiteSelectionBody,
  SiteSelectionProgress,
  SiteSelectionStreamLine,
  TerritoryCollection,
  TerritoryDetail,
} from './types';
import { NdjsonSplitter } from '../lib/ndjson';

/**
 * Typed access to the Berceau API. Every call takes an AbortSignal; a failure is an
 * {@link ApiError} carrying the HTTP status, the API's error code and message, and the URL.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly url: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Params = Record<string, string | number | null | undefined>;

export function apiUrl(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== '') query.set(k, String(v));
  const qs = query.toString();
  return `/api${path}${qs ? `?${qs.replace(/%2C/g, ',')}` : ''}`;
}

export type Fetch = typeof fetch;

export function getJson<T>(
  path: string,
  params: Params = {},
  signal?: AbortSignal,
  fetchImpl: Fetch = fetch,
): Promise<T> {
  return requestJson<T>('GET', path, params, undefined, signal, fetchImpl);
}

export function postJson<T>(
  path: string,
  body: unknown,
  signal?: AbortSignal,
  fetchImpl: Fetch = fetch,
): Promise<T> {
  return requestJson<T>('POST', path, {}, body, signal, fetchImpl);
}

/** The session's CSRF token, sent with every write (the session store sets it at sign-in). */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** The header a write sends (none before the session is known). */
export function csrfHeader(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** A write (PUT, PATCH, DELETE) with a JSON body or none; POST is {@link postJson}. */
export function sendJson<T>(
  method: 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  fetchImpl: Fetch = fetch,
): Promise<T> {
  return requestJson<T>(method, path, {}, body, signal, fetchImpl);
}

async function requestJson<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  params: Params,
  body: unknown,
  signal?: AbortSignal,
  fetchImpl: Fetch = fetch,
): Promise<T> {
  const url = apiUrl(path, params);
  let res: Response;
  try {
    const headers: Record<string, string> = { accept: 'application/json, application/geo+json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
    res = await fetchImpl(url, {
      method,
      signal,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(
      0,
      'network_error',
      'Le serveur Berceau ne répond pas (réseau ou serveur arrêté).',
      url,
    );
  }
  if (!res.ok) throw await failureOf(res, url);
  // 204: a write that answers nothing.
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The ApiError of an answer that is not 2xx, from its body in the one error shape. */
async function failureOf(res: Response, url: string): Promise<ApiError> {
  let code = 'http_error';
  let message = `Erreur ${res.status} du serveur`;
  let details: unknown;
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; details?: unknown };
    };
    if (body.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      details = body.error.details;
    }
  } catch {
    // Not JSON (a proxy's page): keep the generic message.
  }
  return new ApiError(res.status, code, message, url, details);
}

/**
 * The status a streamed error would have had as a JSON answer (a stream's status is sent before
 * it fails): what the dashboard shows beside the message.
 */
function streamedStatus(code: string): number {
  if (code === 'internal_error') return 500;
  if (/_(busy|unavailable|timeout)$/.test(code)) return 503;
  return 400;
}

export function fetchHealth(signal?: AbortSignal, f?: Fetch) {
  return getJson<Health>('/health', {}, signal, f);
}

export function fetchTerritories(
  q: { level: string; year?: number | null; reference?: string; departement?: string },
  signal?: AbortSignal,
  f?: Fetch,
) {
  return getJson<TerritoryCollection>(
    '/territories',
    { level: q.level, year: q.year, reference: q.reference, departement: q.departement },
    signal,
    f,
  );
}

export function fetchTerritoryDetail(
  level: string,
  code: string,
  q: { year?: number | null; reference?: string },
  signal?: AbortSignal,
  f?: Fetch,
) {
  return getJson<TerritoryDetail>(
    `/territories/${encodeURIComponent(level)}/${encodeURIComponent(code)}`,
    { year: q.year, reference: q.reference },
    signal,
    f,
  );
}

/**
 * EAJE and MAM in a bounding box; with `departement`, only those of its communes; with `year`,
 * those open that year (the figures' year when absent).
 */
export function fetchFacilities(
  bbox: [number, number, number, number],
  signal?: AbortSignal,
  f?: Fetch,
  departement?: string | null,
  year?: number | null,
) {
  return getJson<FacilityCollection>(
    '/facilities',
    { bbox: bbox.map((x) => x.toFixed(5)).join(','), departement, year },
    signal,
    f,
  );
}

/**
 * The childminders of a territory with their homes (GET /api/childminders): personal data, for
 * signed-in planners, reviewers and admins of that territory only (401/403 otherwise).
 */
export function fetchChildminders(
  territory: { level: string; code: string },
  signal?: AbortSignal,
  f?: Fetch,
) {
  return getJson<ChildminderCollection>('/childminders', territory, signal, f);
}

/** Isochrone bands around a point, with the children and places inside each (POST /api/isochrones). */
export function postIsochrones(
  body: { lon: number; lat: number; minutes: number[]; mode: string; year?: number },
  signal?: AbortSignal,
  f?: Fetch,
) {
  return postJson<IsochroneCollection>('/isochrones', body, signal, f);
}

/** Minutes to the nearest place, by grid cell or commune (GET /api/travel/nearest). */
export function fetchNearest(
  q: {
    level: string;
    target: string;
    mode: string;
    year: number | null;
    min_places: number | null;
    departement?: string | null;
  },
  signal?: AbortSignal,
  f?: Fetch,
) {
  return getJson<NearestCollection>('/travel/nearest', q, signal, f);
}

/** Gap zones of the loaded data (GET /api/gap-zones): "sans offre à N minutes" by car. */
export function fetchGapZones(
  q: { minutes: number; level?: string | null; code?: string | null },
  signal?: AbortSignal,
  f?: Fetch,
) {
  return getJson<GapZoneCollection>('/gap-zones', q, signal, f);
}

/** Accessibility of every territory of a level beside its official rate (POST /api/accessibility). */
export function postAccessibility(
  body: { level?: string; departement?: string; year?: number },
  signal?: AbortSignal,
  f?: Fetch,
) {
  return postJson<AccessibilityAnswer>('/accessibility', body, signal, f);
}

/** Absolute URL template of a vector tile layer (MapLibre needs absolute tile URLs). */
export function tileUrl(origin: string, layer: string, params: Params = {}): string {
  const qs = apiUrl('', params).slice('/api'.length);
  return `${origin}/api/tiles/${layer}/{z}/{x}/{y}.mvt${qs}`;
}

/** The review of one gap zone with its history (signed-in users of its territory). */
export function fetchZoneReview(id: string, signal?: AbortSignal, f?: Fetch) {
  return getJson<ZoneReviewAnswer>(`/gap-zones/${encodeURIComponent(id)}/review`, {}, signal, f);
}

/** Changes a zone's status or assignee; a stale `version` is a 409 (ApiError). */
export function patchZoneReview(id: string, body: ReviewPatchBody, f?: Fetch) {
  return sendJson<ZoneReview>(
    'PATCH',
    `/gap-zones/${encodeURIComponent(id)}/review`,
    body,
    undefined,
    f,
  );
}

export function postZoneComment(id: string, text: string, f?: Fetch) {
  return postJson<ZoneComment>(
    `/gap-zones/${encodeURIComponent(id)}/comments`,
    { text },
    undefined,
    f,
  );
}

export function postZoneDecision(id: string, body: DecisionBody, f?: Fetch) {
  return postJson<ZoneDecision>(
    `/gap-zones/${encodeURIComponent(id)}/decisions`,
    body,
    undefined,
    f,
  );
}

/** The zones of the signed-in user's territories with their review, for the list and a comité. */
export function fetchReviewList(
  q: { minutes: number; level?: string | null; code?: string | null },
  signal?: AbortSignal,
  f?: Fetch,
) {
  return getJson<ReviewList>('/gap-zones/reviews', q, signal, f);
}

/** The site card of a point and what a project there would add (POST /api/site-card). */
export function postSiteCard(body: SiteCardBody, signal?: AbortSignal, f?: Fetch) {
  return postJson<SiteCardAnswer>('/site-card', body, signal, f);
}

/** New sites chosen by the optimiser on the stored data (POST /api/site-selection). */
export function postSiteSelection(body: SiteSelectionBody, signal?: AbortSignal, f?: Fetch) {
  return postJson<SiteSelectionAnswer>('/site-selection', body, signal, f);
}

/**
 * The optimiser with its progress (POST /api/site-selection as NDJSON): `onProgress` gets each
 * progress line as it arrives; the promise gives the result, or rejects with the error line as
 * an ApiError. Aborting `signal` ends the request, and the server ends the run.
 */
export async function streamSiteSelection(
  body: SiteSelectionBody,
  onProgress: (progress: SiteSelectionProgress) => void,
  signal?: AbortSignal,
  fetchImpl: Fetch = fetch,
): Promise<SiteSelectionAnswer> {
  const url = apiUrl('/site-selection');
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: 'POST',
      signal,
      headers: {
        accept: 'application/x-ndjson',
        'content-type': 'application/json',
        ...csrfHeader(),
      },
      body: JSON.stringify(body),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', 'Le serveur Berceau ne répond pas.', url);
  }
  if (!res.ok) throw await failureOf(res, url);
  if (!res.body) throw new ApiError(res.status, 'http_error', 'Réponse vide du serveur', url);
  const splitter = new NdjsonSplitter();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    for (const line of done ? splitter.end() : splitter.push(value)) {
      const l = line as SiteSelectionStreamLine;
      if ('progress' in l) onProgress(l.progress);
      else if ('result' in l) return l.result;
      else {
        const { code, message, details } = l.error;
        throw new ApiError(streamedStatus(code), code, message, url, details);
      }
    }
    if (done) break;
  }
  throw new ApiError(0, 'network_error', 'Le calcul s’est interrompu avant sa fin.', url);
}

/** A what-if scenario evaluated on the current data (POST /api/scenario). */
export function postScenario(body: ScenarioBody, signal?: AbortSignal, f?: Fetch) {
  return postJson<ScenarioAnswer>('/scenario', body, signal, f);
}

/** The saved scenarios of the signed-in user's territories (GET /api/scenarios). */
export function fetchSavedScenarios(signal?: AbortSignal, f?: Fetch) {
  return getJson<SavedScenarioList>('/scenarios', {}, signal, f);
}

export function fetchSavedScenario(id: number, signal?: AbortSignal, f?: Fetch) {
  return getJson<SavedScenario>(`/scenarios/${id}`, {}, signal, f);
}

/** Saves a scenario (planners and admins), its author the signed-in user. */
export function postSavedScenario(body: SavedScenarioBody, f?: Fetch) {
  return postJson<SavedScenario>('/scenarios', body, undefined, f);
}

/** Renames or changes a saved scenario; a stale `version` is a 409 (ApiError). */
export function putSavedScenario(id: number, body: SavedScenarioUpdateBody, f?: Fetch) {
  return sendJson<SavedScenario>('PUT', `/scenarios/${id}`, body, undefined, f);
}

export function deleteSavedScenario(id: number, f?: Fetch) {
  return sendJson<void>('DELETE', `/scenarios/${id}`, undefined, undefined, f);
}
