import { CHILDMINDERS_COLOR, EAJE_KIND_GROUPS, MAM_COLOR } from '../lib/facilities';
import { GAP_CLASSES } from '../lib/gap-classes';
import { OVERLAY_IDS, OVERLAY_TITLES, type OverlayId } from '../lib/layers';
import { MINUTE_CLASSES, NOT_REACHED_CLASS } from '../lib/travel';
import { ROAD_STYLES } from './roads-layer';

/** The legends of the active optional layers, as plain items, for the PNG export. */
export function overlayLegends(
  active: OverlayId[],
  referenceLabel: string,
  accessTitle?: string,
): { title: string; items: { color: string; label: string }[] }[] {
  const legends = {
    eaje: {
      title: `${OVERLAY_TITLES.eaje}, taille selon les places`,
      items: EAJE_KIND_GROUPS.map((g) => ({ color: g.color, label: g.label })),
    },
    mam: {
      title: OVERLAY_TITLES.mam,
      items: [{ color: MAM_COLOR, label: 'MAM, taille selon les enfants accueillis' }],
    },
    childminders: {
      title: OVERLAY_TITLES.childminders,
      items: [
        {
          color: CHILDMINDERS_COLOR,
          label: 'cercle proportionnel au nombre d’assistants maternels actifs',
        },
      ],
    },
    roads: {
      title: OVERLAY_TITLES.roads,
      items: ROAD_STYLES.map((r) => ({ color: r.color, label: r.label })),
    },
    access: {
      title: accessTitle ?? OVERLAY_TITLES.access,
      items: [...MINUTE_CLASSES, NOT_REACHED_CLASS].map((c) => ({
        color: c.color,
        label: c.label,
      })),
    },
    gaps: {
      title: `Classes d’écart au taux ${referenceLabel}`,
      items: GAP_CLASSES.map((g) => ({ color: g.color, label: g.label })),
    },
  } satisfies Record<OverlayId, unknown>;
  // Top of the drawing order first, as in the layers panel.
  return [...OVERLAY_IDS]
    .reverse()
    .filter((id) => active.includes(id))
    .map((id) => legends[id]);
}
