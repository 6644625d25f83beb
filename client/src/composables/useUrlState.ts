import { effectScope, watch } from 'vue';
import type { RouteLocationNormalized, Router } from 'vue-router';
import { linkQuery, queryOfPath } from '../lib/screens';
import {
  coverageMapState,
  decodeUrlState,
  sharedState,
  type CoverageMapState,
  type SharedState,
} from '../lib/url-state';

/**
 * The state mirrored in the address bar (lib/url-state.ts does the encoding), so that a copied
 * link reopens the same screen with the same territory, year, layers and view:
 * - read at every navigation the app did not make itself (the first page, a link, back/forward):
 *   the shared part into `shared`, and on the coverage map the map's own part into `map`;
 * - written with `router.replace` whenever the state changes, the screen staying the same (no
 *   new history entry for each pan of the map). A link is left as it was typed until then.
 * The app's own updates are not read back: one ending after a newer change would otherwise bring
 * the older state back.
 */
export function useUrlState(router: Router, shared: SharedState, map: CoverageMapState) {
  const scope = effectScope();
  const state = () => ({ ...shared, ...map });
  /** The query the address bar stands for (written, or read and left as typed). */
  let current: string | null = null;
  /** The app's own updates of the link under way, as the router spells them. */
  const own = new Set<string>();

  function read(route: RouteLocationNormalized) {
    const linkState = route.meta.linkState;
    if (!linkState) return;
    const s = decodeUrlState(queryOfPath(route.fullPath));
    // Assign only what differs: a new but equal selection would reload its detail.
    if (linkQuery('shared', s) !== linkQuery('shared', state()))
      Object.assign(shared, sharedState(s));
    if (linkState === 'map' && linkQuery('map', s) !== linkQuery('map', state()))
      Object.assign(map, coverageMapState(s));
  }

  const stopAfter = router.afterEach((to, _from, failure) => {
    if (own.delete(to.fullPath) || failure) return;
    read(to);
    current = to.meta.linkState ? linkQuery(to.meta.linkState, state()) : null;
  });

  scope.run(() => {
    watch(
      () => {
        const linkState = router.currentRoute.value.meta.linkState;
        return linkState ? linkQuery(linkState, state()) : null;
      },
      (query) => {
        if (query === null || query === current) return;
        current = query;
        const route = router.currentRoute.value;
        // The screen's own parameters (a saved scenario) stay in its link.
        const kept = (route.meta.ownQuery ?? []).flatMap((k) => {
          const v = route.query[k];
          return typeof v === 'string' ? [`${k}=${encodeURIComponent(v)}`] : [];
        });
        const full = [query, ...kept].filter(Boolean).join('&');
        const target = router.resolve(`${route.path}${full ? `?${full}` : ''}${route.hash}`);
        own.add(target.fullPath);
        // Also forgotten when the router answers without running its hooks.
        void router.replace(target).finally(() => own.delete(target.fullPath));
      },
    );
  });

  return {
    stop() {
      scope.stop();
      stopAfter();
    },
  };
}
