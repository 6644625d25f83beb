import { Popup, type Map as MapLibreMap, type MapMouseEvent } from 'maplibre-gl';
import type { ChildminderFeature, FacilityProperties } from '../api/types';
import { childminderPopupLines } from '../lib/childminder-positions';
import { KIND_LABELS } from '../lib/facilities';
import { formatCount, territorySummary } from '../lib/format';
import { FILL } from './territories-layer';

export type IsochroneOrigin = { lon: number; lat: number; label: string | null };

/**
 * The map's popups: the territory under the pointer, named with its rate (the map is also
 * readable without it: the table and the panel carry the same figures for keyboard and
 * screen-reader users), and the "Isochrone depuis…" actions, opened by a right-click or a long
 * press on the map, or by a click on a facility.
 */
export class MapPopups {
  private actionPopup: Popup | null = null;
  private readonly tooltip = new Popup({
    closeButton: false,
    closeOnClick: false,
    offset: 14,
    className: 'berceau-tooltip',
    maxWidth: '22rem',
  });

  constructor(
    private readonly map: MapLibreMap,
    private readonly onIsochroneFrom?: (origin: IsochroneOrigin) => void,
  ) {
    map.on(
      'mousemove',
      FILL,
      (e: MapMouseEvent & { features?: { properties: Record<string, unknown> }[] }) => {
        const p = e.features?.[0]?.properties;
        // No tooltip over an open "Isochrone depuis…" popup.
        if (!p || this.actionPopup?.isOpen()) return;
        map.getCanvas().style.cursor = 'pointer';
        const rate = typeof p.coverage_rate === 'number' ? p.coverage_rate : null;
        this.tooltip
          .setLngLat(e.lngLat)
          .setText(
            territorySummary({
              name: String(p.name),
              coverage_rate: rate,
              small_population: p.small_population === true,
              childminders_secret: p.childminders_secret === true,
            }),
          )
          .addTo(map);
      },
    );
    map.on('mouseleave', FILL, () => {
      map.getCanvas().style.cursor = '';
      this.tooltip.remove();
    });
    // Right-click (or a long press on a touch screen): "Isochrone depuis ce point".
    map.on('contextmenu', (e: MapMouseEvent) => {
      e.preventDefault();
      this.showPoint(e.lngLat.lng, e.lngLat.lat);
    });
    this.listenForLongPress();
  }

  showPoint(lon: number, lat: number) {
    this.showAction([lon, lat], [], 'Isochrone depuis ce point', null);
  }

  showFacility(p: FacilityProperties, at: [number, number]) {
    const what =
      p.type === 'mam'
        ? `MAM · ${formatCount(p.places)} enfants accueillis`
        : `${KIND_LABELS[p.kind ?? ''] ?? 'EAJE'} · ${formatCount(p.places)} places`;
    const lines = [p.name, what];
    if (p.location_approximate) lines.push('Position approximative (centre de la commune)');
    this.showAction(at, lines, 'Isochrone depuis cet établissement', p.name);
  }

  /** A childminder's popup: what the API gives (personal data), no action. */
  showChildminder(p: ChildminderFeature['properties'], at: [number, number]) {
    this.actionPopup?.remove();
    this.tooltip.remove();
    const root = document.createElement('div');
    root.className = 'berceau-action-popup berceau-childminder';
    childminderPopupLines(p).forEach((text, i) => {
      const line = document.createElement(i === 0 ? 'strong' : 'p');
      line.textContent = text;
      root.appendChild(line);
    });
    this.actionPopup = new Popup({
      closeButton: true,
      closeOnClick: true,
      offset: 8,
      maxWidth: '20rem',
      className: 'berceau-action',
    })
      .setLngLat(at)
      .setDOMContent(root)
      .addTo(this.map);
  }

  /** A popup whose last line is a button starting an isochrone from `lngLat`. */
  private showAction(
    lngLat: [number, number],
    lines: string[],
    buttonText: string,
    label: string | null,
  ) {
    this.actionPopup?.remove();
    this.tooltip.remove();
    const root = document.createElement('div');
    root.className = 'berceau-action-popup';
    lines.forEach((text, i) => {
      const p = document.createElement(i === 0 ? 'strong' : 'p');
      p.textContent = text;
      root.appendChild(p);
    });
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = buttonText;
    root.appendChild(button);
    const popup = new Popup({
      closeButton: true,
      closeOnClick: true,
      offset: 10,
      maxWidth: '20rem',
      className: 'berceau-action',
    })
      .setLngLat(lngLat)
      .setDOMContent(root)
      .addTo(this.map);
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        popup.remove();
        this.map.getCanvas().focus();
      }
    });
    button.addEventListener('click', () => {
      popup.remove();
      this.onIsochroneFrom?.({ lon: lngLat[0], lat: lngLat[1], label });
    });
    button.focus();
    this.actionPopup = popup;
  }

  /** A finger held still for 600 ms on the map acts as a right-click. */
  private listenForLongPress() {
    const canvas = this.map.getCanvasContainer();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let start: { x: number; y: number } | null = null;
    const cancel = () => {
      if (timer) clearTimeout(timer);
      timer = null;
    };
    canvas.addEventListener(
      'touchstart',
      (e) => {
        cancel();
        if (e.touches.length !== 1) return;
        const t = e.touches[0];
        start = { x: t.clientX, y: t.clientY };
        timer = setTimeout(() => {
          const rect = canvas.getBoundingClientRect();
          const ll = this.map.unproject([start!.x - rect.left, start!.y - rect.top]);
          this.showPoint(ll.lng, ll.lat);
        }, 600);
      },
      { passive: true },
    );
    canvas.addEventListener(
      'touchmove',
      (e) => {
        const t = e.touches[0];
        if (start && t && Math.hypot(t.clientX - start.x, t.clientY - start.y) > 10) cancel();
      },
      { passive: true },
    );
    canvas.addEventListener('touchend', cancel);
    canvas.addEventListener('touchcancel', cancel);
  }
}
