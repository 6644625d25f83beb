/**
 * A coarse outline of metropolitan France (mainland, Corsica and every inhabited island), drawn
 * by hand to be CONSERVATIVE: it contains all of France's land and some sea and neighbouring
 * land besides, so that "no fictional commune meets it" proves that none lies over a real one.
 *
 * The Atlantic side, where the fictional territories are, follows the coast 10 to 25 km out,
 * each vertex beyond the French land nearest to it (positions of those capes and islands from
 * IGN maps): Ouessant (5.14°W 48.46°N), the Chaussée de Sein and Ar Men (5.00°W 48.06°N),
 * Penmarc'h (4.37°W 47.80°N), Belle-Île (3.26°W 47.27°N), Île d'Yeu (2.40°W 46.69°N), Île de Ré
 * (1.56°W 46.25°N) and Oléron (1.42°W 45.93°N), Cap Ferret (1.25°W 44.63°N) and Hendaye
 * (1.79°W 43.37°N). Elsewhere it is a loose box around the Channel coast (La Hague, 1.94°W
 * 49.72°N; Bray-Dunes, 2.55°E 51.09°N), the eastern border (Lauterbourg, 8.23°E) and Corsica
 * (Cap Corse 43.03°N, Lavezzi 41.33°N 9.25°E).
 *
 * Checked once against Natural Earth's 1:10m countries (not shipped): France's metropolitan
 * polygons lie inside it, every vertex 7 km or more from them (15 km or more on the Atlantic).
 * Longitude/latitude WGS84, counter-clockwise.
 */
import type { Polygon } from 'geojson';

export const METROPOLITAN_FRANCE_OUTLINE: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [-2.2, 42.3],
      [3.4, 42.3],
      [8.3, 41.2],
      [9.8, 41.2],
      [9.8, 43.2],
      [8.4, 44.0],
      [8.4, 50.3],
      [2.4, 51.3],
      [1.3, 51.3],
      [-2.1, 49.85],
      [-3.3, 49.0],
      [-4.3, 48.95],
      [-5.35, 48.65],
      [-5.35, 48.3],
      [-5.15, 47.95],
      [-4.55, 47.65],
      [-3.45, 47.15],
      [-2.6, 46.55],
      [-1.65, 45.75],
      [-1.45, 44.5],
      [-1.95, 43.45],
      [-2.2, 42.3],
    ],
  ],
};
