import { postIsochrones, postSiteCard } from '../api/client';
import { siteCardBody, type ProjectSpec } from '../lib/site-card';
import { useResource } from './useResource';

/** The catchments drawn around the point: the card's bands. */
export const CATCHMENT_MINUTES = [5, 10, 15, 20];

/**
 * The site card of the point studied (POST /api/site-card) for the project of the form, and its
 * catchments by car (POST /api/isochrones), reloaded when the point, the project or the year
 * changes (a new point aborts the previous requests).
 */
export function useSiteCard(state: {
  point: { lon: number; lat: number } | null;
  project: ProjectSpec;
  year: number | null;
}) {
  const card = useResource(
    () =>
      state.point ? { point: state.point, project: { ...state.project }, year: state.year } : null,
    (k, signal) => postSiteCard(siteCardBody(k.point, k.project, k.year), signal),
  );
  const catchments = useResource(
    () => (state.point ? { point: state.point, year: state.year } : null),
    (k, signal) =>
      postIsochrones(
        {
          lon: k.point.lon,
          lat: k.point.lat,
          minutes: CATCHMENT_MINUTES,
          mode: 'car',
          ...(k.year !== null ? { year: k.year } : {}),
        },
        signal,
      ),
  );
  return { card, catchments };
}
