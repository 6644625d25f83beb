import { CHILDMINDERS_COLOR, EAJE_KIND_GROUPS, MAM_COLOR } from '../lib/facilities';
import { GAP_CLASSES } from '../lib/gap-classes';
import { GAP_ZONE_COLOR } from '../lib/gap-zones';
import { OVERLAY_IDS, OVERLAY_TITLES, type OverlayId } from '../lib/layers';
import type { IsochroneCollection } from '../api/types';
import { formatCount } from '../lib/format';
import {
  bandColors,
  bandLabel,
  formatLonLat,
  MINUTE_CLASSES,
  modeLabel,
  NOT_REACHED_CLASS,
  type IsochroneSpec,
} from '../lib/travel';
import { ROAD_STYLES } from './roads-layer';
import { ACCESS_RATE_CLASSES } from '../lib/accessibility';

export interface OverlayLegend {
  title: string;
  items: { color: string; label: string }[];
}

/** The legends of the active optional layers, as plain items, for the PNG export. */
export function overlayLegends(
  active: OverlayId[],
  referenceLabel: string,
  accessTitle?: string,
): OverlayLegend[] {
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
    gapzones: {
      title: OVERLAY_TITLES.gapzones,
      items: [
        {
          color: GAP_ZONE_COLOR,
          label: 'enfants sans place en crèche ou en MAM à 15 min en voiture (carreaux de 200 m)',
        },
      ],
    },
    accessibility: {
      title: `${OVERLAY_TITLES.accessibility} : places à portée pour 100 enfants`,
      items: ACCESS_RATE_CLASSES.map((c) => ({ color: c.color, label: c.label })),
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

/**
 * The isochrone's bands in the PNG legend: colour, band, children (estimated) and places; none
 * while there is no isochrone or its bands are not there yet.
 */
export function isochroneLegend(
  data: IsochroneCollection | null,
  spec: IsochroneSpec | null,
  originLabel: string | null,
): OverlayLegend[] {
  if (!data || !spec || data.features.length === 0) return [];
  const bands = [...data.features].map((f) => f.properties).sort((a, b) => a.minutes - b.minutes);
  const colors = bandColors(bands.length);
  return [
    {
      title: `Isochrone ${modeLabel(spec.mode)} depuis ${originLabel ?? formatLonLat(spec.lon, spec.lat)}`,
      items: bands.map((b, i) => ({
        color: colors[i],
        label: `${bandLabel(b.minutes)} : ${formatCount(b.children_under3)} enfants de moins de 3 ans (estimé), ${formatCount(b.places_total)} places`,
      })),
    },
  ];
}
