import {
  createRouter,
  createWebHistory,
  type RouteComponent,
  type RouteRecordRaw,
  type RouterHistory,
} from 'vue-router';
import { SCREENS, type LinkState, type ScreenName } from './lib/screens';
import CoverageView from './views/coverage/CoverageView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Which state the screen's link carries; absent: none (the "page not found" screen). */
    linkState?: LinkState;
    /** The window's title on that screen. */
    title?: string;
    /** Query parameters of the screen's own, kept when the shared state rewrites the link. */
    ownQuery?: readonly string[];
  }
}

/**
 * One route per screen (lib/screens.ts). The coverage map is in the main bundle (it is the first
 * page of most visits); the other screens load when opened. The server answers index.html for
 * any path outside /api, so that a reload or a bookmark of /zones opens the dashboard there.
 */
const COMPONENTS: Record<ScreenName, RouteComponent | (() => Promise<RouteComponent>)> = {
  couverture: CoverageView,
  zones: () => import('./views/zones/ZonesView.vue'),
  'projet-mam': () => import('./views/mam-project/MamProjectView.vue'),
  rapport: () => import('./views/report/ReportView.vue'),
  administration: () => import('./views/administration/AdministrationView.vue'),
};

export const routes: RouteRecordRaw[] = [
  ...SCREENS.map((s) => ({
    name: s.name,
    path: s.path,
    component: COMPONENTS[s.name],
    meta: { linkState: s.linkState, title: s.title, ownQuery: s.ownQuery },
  })),
  {
    name: 'zones-comite',
    path: '/zones/comite',
    component: () => import('./views/zones/ComiteView.vue'),
    meta: { title: 'Décisions pour le comité — Berceau' },
  },
  {
    name: 'connexion',
    path: '/connexion',
    component: () => import('./views/sign-in/SignInView.vue'),
    meta: { title: 'Connexion — Berceau' },
  },
  {
    name: 'introuvable',
    path: '/:chemin(.*)*',
    component: () => import('./views/not-found/NotFoundView.vue'),
    meta: { title: 'Page introuvable — Berceau' },
  },
];

export function createDashboardRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({ history, routes });
  router.afterEach((to) => {
    if (typeof document !== 'undefined' && typeof to.meta.title === 'string')
      document.title = to.meta.title;
  });
  return router;
}
