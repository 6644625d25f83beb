import type { z } from 'zod';
import {
  coverageClass,
  type LayersDocument,
  type layerField,
  type layerQueryParameter,
} from '../../../../contract';
import type { TileGeometryKind } from '../../domain/tiles/tile-geometry';

/**
 * The vector tile layers the API serves: one entry per layer, the single source of what a
 * layer is called, which columns its tiles carry (the only names that reach SQL text), its
 * zoom range and query parameters. `GET /api/layers` publishes it; each entry has its query
 * in `sql/queries/tiles/<id>.sql`. Texts meant for users are in French.
 */

type LayerDescription = LayersDocument['layers'][number];
export type LayerField = z.output<typeof layerField>;
export type LayerQueryParameter = z.output<typeof layerQueryParameter>;

/** A layer as the catalogue holds it: what /api/layers publishes, and what its SQL needs. */
export interface LayerDefinition extends Omit<LayerDescription, 'tileUrl' | 'sourceLayer'> {
  geometryType: TileGeometryKind;
  /** Fixed values the layer's SQL takes as named bindings (documented in `notes`). */
  constants?: Readonly<Record<string, number>>;
  /**
   * Column of the layer query that orders the features inside a tile (the same bytes, hence
   * the same ETag, on every render). The wrappers order by it, not the layer query: ordered
   * there, PostgreSQL would encode every feature in one process instead of its parallel workers.
   */
  orderBy: string;
}

const COVERAGE_CLASSES = coverageClass.options;

const EAJE_KINDS = [
  'multi_accueil',
  'creche_collective',
  'micro_creche',
  'halte_garderie',
  'creche_familiale',
  'creche_parentale',
  'jardin_enfants',
  'autre',
] as const;

/**
 * First zoom at which `accessibility` serves the 200 m cells; below, squares of 500 m to 10 km that
 * generalise them (migration 029; sizes per zoom in sql/queries/tiles/accessibility.sql).
 */
export const ACCESSIBILITY_CELL_MINZOOM = 11;

/** First zoom at which `roads` serves every road class (below: the major network only). */
export const ROADS_DETAIL_MINZOOM = 11;

const COVERAGE_YEAR: LayerQueryParameter = {
  name: 'year',
  type: 'integer',
  description: 'Année des chiffres de couverture (1900 à 2100).',
  default:
    'la dernière année pour laquelle des chiffres existent à ce niveau ; avec departement, la dernière année ' +
    'où ce département a des données de population',
};
const OPENING_YEAR: LayerQueryParameter = {
  name: 'year',
  type: 'integer',
  description: 'Ne montrer que ce qui était ouvert (ou en activité) cette année-là (1900 à 2100).',
  default: 'ce qui n’est pas fermé aujourd’hui',
};
const REFERENCE: LayerQueryParameter = {
  name: 'reference',
  type: 'string',
  description:
    'Taux de référence de la classe d’écart : le taux national de l’année, ou celui du département de la commune.',
  default: 'national',
  values: ['national', 'departement'],
};

const DEPARTEMENT: LayerQueryParameter = {
  name: 'departement',
  type: 'string',
  description:
    'Code d’un département chargé (18, 2A, 974…) : ne servir que ce qui lui appartient (ses communes, ses EPCI, ' +
    'les établissements et assistants maternels de ses communes). Sans lui, la couche couvre tous les ' +
    'départements chargés, qui peuvent se superposer (le territoire de démonstration est placé en France ' +
    'métropolitaine). Avec lui, l’année par défaut est la dernière pour laquelle ce département a des données.',
  default: 'tous les départements chargés',
};
const ROADS_DEPARTEMENT: LayerQueryParameter = {
  ...DEPARTEMENT,
  description:
    'Code d’un département chargé (18, 2A, 974…) : ne servir que les tronçons qui touchent son contour et qui ' +
    'viennent d’un jeu de même nature que lui (fictif pour le territoire de démonstration, réel sinon) : un ' +
    'réseau routier n’est pas rattaché à un département, et les routes fictives ne doivent pas se mêler à un ' +
    'territoire réel qu’elles recouvrent.',
};

const COVERAGE_ATTRIBUTION = 'Berceau, d’après INSEE, Cnaf, PMI et IGN';
const COVERAGE_SOURCE =
  'Taux de couverture global (TCG, méthode Cnaf/ONAPE) calculé par Berceau à partir des jeux de données ' +
  'chargés (population INSEE 0-2 ans, places EAJE, assistants maternels, garde à domicile, préscolarisation) ; ' +
  'contours administratifs importés. La provenance de chaque jeu est donnée par /api/health ; ' +
  'le territoire de démonstration est fictif (propriété fictional).';

const code = (description: string): LayerField => ({ name: 'code', type: 'string', description });
const name = (description: string): LayerField => ({ name: 'name', type: 'string', description });

const SECRET_FIELD: LayerField = {
  name: 'childminders_secret',
  type: 'boolean',
  description:
    'Secret statistique : moins de 3 assistants maternels (seuil réglable) exercent ici, ou un voisin en a moins ' +
    'et ses chiffres se retrouveraient par soustraction ; leurs places, donc le total et le taux, ne sont pas diffusés.',
};

const FIGURE_FIELDS: readonly LayerField[] = [
  {
    name: 'year',
    type: 'integer',
    description: 'Année des chiffres ; absente s’il n’existe aucun chiffre à ce niveau.',
  },
  {
    name: 'children_under3',
    type: 'number',
    description: 'Enfants de moins de 3 ans (INSEE, âges 0 à 2 ans).',
  },
  {
    name: 'places_total',
    type: 'number',
    description:
      'Places d’accueil pour les moins de 3 ans : EAJE, assistants maternels (part des moins de 3 ans), garde à domicile, préscolarisation ; ' +
      'absent quand le secret statistique s’applique (childminders_secret).',
  },
  {
    name: 'coverage_rate',
    type: 'number',
    description:
      'Taux de couverture global : places pour 100 enfants de moins de 3 ans ; absent sans enfant ou sans donnée, ' +
      'ou quand le secret statistique s’applique (childminders_secret).',
  },
  SECRET_FIELD,
  {
    name: 'coverage_class',
    type: 'string',
    values: COVERAGE_CLASSES,
    description:
      'Classe d’écart au taux national de l’année : zone_blanche (aucune place), well_below, below, near, above ; ' +
      'small_population (trop peu d’enfants pour un taux stable) ; incomplete (un mode d’accueil du taux sans données : taux minimal) ; ' +
      'no_data (pas de chiffre cette année-là).',
  },
  {
    name: 'small_population',
    type: 'boolean',
    description:
      'Moins d’une vingtaine d’enfants de moins de 3 ans : taux instable, à ne pas lire comme un extrême.',
  },
  {
    name: 'fictional',
    type: 'boolean',
    description: 'Chiffres issus de données fictives (territoire de démonstration).',
  },
];

/** The counts behind a rate: left out where a layer's tiles carry only what is drawn. */
const COUNT_FIELDS: ReadonlySet<string> = new Set(['children_under3', 'places_total']);

/** First zoom of the `communes` layer whose tiles carry names, parents and counts. */
const COMMUNE_DETAIL_MINZOOM = 8;

/** The field, carried from zoom `minzoom` on only (said in its description too). */
function fromZoom(minzoom: number, field: LayerField): LayerField {
  return { ...field, minzoom, description: `${field.description} À partir du zoom ${minzoom}.` };
}

const POLYGON_NOTES = [
  'Géométries découpées à la tuile (marge de 64 unités sur 4096) et simplifiées d’environ un pixel affiché (tuile de 512 px).',
];

export const LAYERS: readonly LayerDefinition[] = [
  {
    id: 'communes',
    orderBy: 'code',
    title: 'Communes : taux de couverture',
    description:
      'Contours des communes avec le taux de couverture global et sa classe d’écart au taux national.',
    geometryType: 'polygon',
    // A z6 tile of a dense region holds over 12,000 communes: below zoom 8 it carries what a
    // choropleth draws (code, rate, class, flags), not the names, parents and counts.
    fields: [
      code('Code INSEE de la commune (5 caractères).'),
      fromZoom(COMMUNE_DETAIL_MINZOOM, name('Nom de la commune.')),
      fromZoom(COMMUNE_DETAIL_MINZOOM, {
        name: 'epci_code',
        type: 'string',
        description: 'SIREN de l’EPCI de la commune (9 chiffres) ; absent si aucun.',
      }),
      fromZoom(COMMUNE_DETAIL_MINZOOM, {
        name: 'departement_code',
        type: 'string',
        description: 'Code du département (2 ou 3 caractères).',
      }),
      ...FIGURE_FIELDS.map((f) =>
        COUNT_FIELDS.has(f.name) ? fromZoom(COMMUNE_DETAIL_MINZOOM, f) : f,
      ),
    ],
    minzoom: 6,
    maxzoom: 14,
    query: [COVERAGE_YEAR, DEPARTEMENT],
    attribution: COVERAGE_ATTRIBUTION,
    source: COVERAGE_SOURCE,
    notes: POLYGON_NOTES,
  },
  {
    id: 'epci',
    orderBy: 'code',
    title: 'Intercommunalités : taux de couverture',
    description:
      'Contours des EPCI avec le taux de couverture global (sommes des communes membres, pas une moyenne de taux).',
    geometryType: 'polygon',
    fields: [
      code('SIREN de l’EPCI (9 chiffres).'),
      name('Nom de l’EPCI.'),
      {
        name: 'departement_code',
        type: 'string',
        description: 'Département du siège (un EPCI peut déborder sur un autre).',
      },
      ...FIGURE_FIELDS,
    ],
    minzoom: 4,
    maxzoom: 14,
    query: [COVERAGE_YEAR, DEPARTEMENT],
    attribution: COVERAGE_ATTRIBUTION,
    source: COVERAGE_SOURCE,
    notes: POLYGON_NOTES,
  },
  {
    id: 'ept',
    orderBy: 'code',
    title: 'Établissements publics territoriaux (Métropole du Grand Paris) : taux de couverture',
    description:
      'Contours des EPT de la Métropole du Grand Paris (union de leurs communes chargées) avec le taux de ' +
      'couverture global (sommes des communes membres, pas une moyenne de taux). Paris n’appartient à aucun EPT.',
    geometryType: 'polygon',
    fields: [
      code('SIREN de l’EPT (9 chiffres).'),
      name('Nom de l’EPT.'),
      {
        name: 'departement_code',
        type: 'string',
        description:
          'Département de la plupart de ses communes (un EPT peut déborder sur un autre).',
      },
      ...FIGURE_FIELDS,
    ],
    minzoom: 4,
    maxzoom: 14,
    query: [COVERAGE_YEAR, DEPARTEMENT],
    attribution: COVERAGE_ATTRIBUTION,
    source: COVERAGE_SOURCE,
    notes: POLYGON_NOTES,
  },
  {
    id: 'departements',
    orderBy: 'code',
    title: 'Départements : taux de couverture',
    description: 'Contours des départements avec le taux de couverture global.',
    geometryType: 'polygon',
    fields: [
      code('Code du département (2 ou 3 caractères).'),
      name('Nom du département.'),
      ...FIGURE_FIELDS,
    ],
    minzoom: 0,
    maxzoom: 14,
    query: [COVERAGE_YEAR, DEPARTEMENT],
    attribution: COVERAGE_ATTRIBUTION,
    source: COVERAGE_SOURCE,
    notes: POLYGON_NOTES,
  },
  {
    id: 'gaps',
    orderBy: 'code',
    title: 'Zones de manque',
    description:
      'Communes classées selon l’écart entre leur taux de couverture et un taux de référence (national ou départemental).',
    geometryType: 'polygon',
    fields: [
      code('Code INSEE de la commune.'),
      name('Nom de la commune.'),
      {
        name: 'year',
        type: 'integer',
        description: 'Année des chiffres ; absente s’il n’existe aucun chiffre communal.',
      },
      {
        name: 'coverage_class',
        type: 'string',
        values: COVERAGE_CLASSES,
        description:
          'Classe d’écart au taux de référence choisi : zone_blanche, well_below, below, near, above, small_population, incomplete, no_data.',
      },
      {
        name: 'coverage_rate',
        type: 'number',
        description:
          'Taux de couverture global de la commune (places pour 100 enfants de moins de 3 ans) ; absent quand le ' +
          'secret statistique s’applique (childminders_secret).',
      },
      SECRET_FIELD,
      {
        name: 'reference_rate',
        type: 'number',
        description: 'Taux de référence de la classe (national ou départemental), même unité.',
      },
      {
        name: 'fictional',
        type: 'boolean',
        description: 'Chiffres issus de données fictives (territoire de démonstration).',
      },
    ],
    minzoom: 6,
    maxzoom: 14,
    query: [COVERAGE_YEAR, REFERENCE, DEPARTEMENT],
    attribution: COVERAGE_ATTRIBUTION,
    source: COVERAGE_SOURCE,
    notes: POLYGON_NOTES,
  },
  {
    id: 'gapzones',
    orderBy: 'id',
    title: 'Zones sans offre',
    description:
      'Zones où vivent des enfants de moins de 3 ans sans place d’accueil formel (EAJE ou MAM) à 15 minutes en voiture : ' +
      'groupes de carreaux de 200 m voisins (voir GET /api/gap-zones pour les chiffres et les autres seuils).',
    geometryType: 'polygon',
    fields: [
      {
        name: 'id',
        type: 'string',
        description: 'Identifiant de la zone (stable d’un calcul à l’autre).',
      },
      {
        name: 'children_under3',
        type: 'number',
        description: 'Enfants de moins de 3 ans qui vivent dans la zone (carroyage).',
      },
      {
        name: 'places_missing',
        type: 'integer',
        description: 'Places à créer à portée pour atteindre le taux de référence national.',
      },
      {
        name: 'nearest_minutes',
        type: 'number',
        description:
          'Minutes en voiture jusqu’à la place formelle la plus proche (depuis le carreau le mieux placé).',
      },
      {
        name: 'fictional',
        type: 'boolean',
        description: 'Zone calculée sur des données fictives (territoire de démonstration).',
      },
    ],
    minzoom: 6,
    maxzoom: 14,
    query: [DEPARTEMENT],
    attribution: 'Berceau, d’après INSEE (carroyage), PMI, Caf et OpenStreetMap',
    source:
      'Zones calculées par Berceau à partir du carroyage de la demande, des établissements et MAM ouverts la dernière ' +
      'année et des temps de trajet en voiture sur le réseau routier importé ; voir docs/gap-zones.md.',
    notes: [
      ...POLYGON_NOTES,
      'Aucun chiffre d’assistant maternel : les zones ne comptent que les enfants et les places formelles.',
    ],
    constants: { minutes: 15 },
  },
  {
    id: 'eaje',
    orderBy: 'id',
    title: 'Établissements d’accueil du jeune enfant',
    description:
      'Crèches collectives, multi-accueils, micro-crèches, haltes-garderies… avec leurs places autorisées.',
    geometryType: 'point',
    fields: [
      { name: 'id', type: 'integer', description: 'Identifiant de l’établissement dans Berceau.' },
      name('Nom de l’établissement.'),
      { name: 'kind', type: 'string', values: EAJE_KINDS, description: 'Type d’établissement.' },
      {
        name: 'financing',
        type: 'string',
        values: ['psu', 'hors_psu'],
        description:
          'Financement : psu (prestation de service unique versée par la Caf) ou hors_psu (PAJE/CMG, micro-crèches).',
      },
      { name: 'places', type: 'integer', description: 'Places autorisées (PMI).' },
      {
        name: 'commune_code',
        type: 'string',
        description: 'Code INSEE de la commune d’implantation.',
      },
      {
        name: 'location_approximate',
        type: 'boolean',
        description:
          'Position approximative : établissement placé au centre de sa commune, faute de coordonnées.',
      },
    ],
    minzoom: 6,
    maxzoom: 16,
    query: [OPENING_YEAR, DEPARTEMENT],
    attribution: 'Berceau, d’après les listes d’EAJE (PMI, Caf)',
    source:
      'Listes d’établissements importées (open data départemental, Caf) ; la provenance de chaque jeu est donnée par /api/health.',
  },
  {
    id: 'mam',
    orderBy: 'id',
    title: 'Maisons d’assistants maternels',
    description: 'MAM : 1 à 6 assistants maternels exerçant ensemble dans un local commun.',
    geometryType: 'point',
    fields: [
      { name: 'id', type: 'integer', description: 'Identifiant de la MAM dans Berceau.' },
      name('Nom de la MAM.'),
      {
        name: 'places',
        type: 'integer',
        description:
          'Enfants accueillis simultanément (20 au plus) : ce sont des places d’assistants maternels.',
      },
      {
        name: 'childminder_count',
        type: 'integer',
        description: 'Nombre d’assistants maternels de la MAM (1 à 6).',
      },
      {
        name: 'commune_code',
        type: 'string',
        description: 'Code INSEE de la commune d’implantation.',
      },
    ],
    minzoom: 6,
    maxzoom: 16,
    query: [OPENING_YEAR, DEPARTEMENT],
    attribution: 'Berceau, d’après les listes de MAM (PMI)',
    source: 'Listes de MAM importées ; la provenance de chaque jeu est donnée par /api/health.',
    notes: [
      'Les places d’une MAM sont des places d’assistants maternels : elles sont aussi comptées dans la couche childminders.',
    ],
  },
  {
    id: 'childminders',
    orderBy: 'commune_code',
    title: 'Assistants maternels par commune',
    description:
      'Assistants maternels actifs agrégés par commune : un point par commune, jamais une personne ni une adresse.',
    geometryType: 'point',
    fields: [
      { name: 'commune_code', type: 'string', description: 'Code INSEE de la commune.' },
      name('Nom de la commune.'),
      {
        name: 'childminders',
        type: 'integer',
        description: 'Nombre d’assistants maternels actifs de la commune.',
      },
      {
        name: 'places',
        type: 'integer',
        description:
          'Somme de leurs places d’agrément (enfants de tous âges accueillis simultanément).',
      },
      {
        name: 'in_mam',
        type: 'integer',
        description:
          'Dont exerçant en MAM (leurs places figurent aussi dans la couche mam : ne pas additionner).',
      },
      {
        name: 'childminders_secret',
        type: 'boolean',
        description:
          'Secret statistique : les trois nombres ci-dessus ne sont pas diffusés (moins de 3 assistants maternels, seuil ' +
          'réglable, ou protection d’une commune voisine).',
      },
      {
        name: 'childminders_below',
        type: 'integer',
        description:
          'Quand la commune compte moins d’assistants maternels que le seuil : ce seuil (« moins de N ») ; absent sinon.',
      },
    ],
    minzoom: 6,
    maxzoom: 14,
    query: [OPENING_YEAR, DEPARTEMENT],
    attribution: 'Berceau, d’après les listes d’assistants maternels agréés (PMI)',
    source:
      'Agrégat par commune des assistants maternels actifs importés ; la provenance de chaque jeu est donnée par /api/health.',
    notes: [
      'Données personnelles (RGPD) : le point est le point d’étiquette de la commune (ST_PointOnSurface de son contour) ; l’adresse des assistants maternels n’est jamais lue.',
      'Secret statistique : une commune où exercent moins de 3 assistants maternels (seuil BERCEAU_SECRECY_THRESHOLD) garde son point, sans nombre ni places ; voir docs/coverage.md.',
    ],
  },
  {
    id: 'roads',
    orderBy: 'id',
    title: 'Réseau routier',
    description:
      'Tronçons routiers utilisés pour les temps de trajet, avec leur classe, leur vitesse maximale autorisée et leur sens.',
    geometryType: 'line',
    fields: [
      {
        name: 'road_class',
        type: 'string',
        description:
          'Classe : nationale, departementale, communale, locale (hameaux et fermes), rue, ou valeur highway d’OpenStreetMap.',
      },
      {
        name: 'speed_kmh',
        type: 'number',
        description:
          'Vitesse maximale autorisée, affichée ou présumée pour la classe, en km/h : un plafond pour les temps de trajet, pas la vitesse de parcours.',
      },
      {
        name: 'oneway',
        type: 'boolean',
        description: 'Sens unique (dans le sens de numérisation).',
      },
    ],
    minzoom: 6,
    maxzoom: 16,
    query: [ROADS_DEPARTEMENT],
    attribution: '© contributeurs OpenStreetMap (ODbL)',
    source:
      'Réseau routier importé (extrait OpenStreetMap) ; la provenance de chaque jeu est donnée par /api/health.',
    notes: [
      `Sous le zoom ${ROADS_DETAIL_MINZOOM}, seul le réseau principal est servi : routes nationales et départementales ` +
        '(et, pour un réseau OpenStreetMap, motorway, trunk, primary, secondary) ; toutes les classes à partir du zoom ' +
        `${ROADS_DETAIL_MINZOOM}.`,
      ...POLYGON_NOTES.map((n) => n.replace('Géométries', 'Lignes')),
    ],
    constants: { detail_minzoom: ROADS_DETAIL_MINZOOM },
  },
  {
    id: 'accessibility',
    orderBy: 'id',
    title: 'Accessibilité (carroyage)',
    description:
      'Carreaux habités de 200 m avec les places d’accueil à portée pour 100 enfants de moins de 3 ans (E2SFCA, ' +
      '30 minutes en voiture, EAJE, MAM et assistants maternels) : les places de chaque site partagées entre tous ' +
      'les enfants qui l’atteignent (voir docs/accessibility.md). Du zoom 11 au zoom 14 : les carreaux de 200 m ; ' +
      'aux zooms 6 à 10 : des carrés qui les regroupent (10 km au zoom 6, 5 km au 7, 2 km au 8, 1 km au 9, 500 m ' +
      'au 10).',
    geometryType: 'polygon',
    constants: { cell_minzoom: ACCESSIBILITY_CELL_MINZOOM },
    fields: [
      {
        name: 'id',
        type: 'string',
        description:
          'Zooms 11 à 14 : identifiant de la partie du carreau dans sa commune, <carreau>@<code commune> (un ' +
          'carreau coupé par une limite communale a une partie par commune). Zooms 6 à 10 : identifiant du carré, ' +
          '<côté>m:<colonne>:<ligne>@<code département> (colonne et ligne : x et y Web Mercator divisés par le ' +
          'côté, arrondis à l’entier inférieur ; un carré coupé par une limite départementale a une partie par ' +
          'département), le même à chaque version des données.',
      },
      {
        name: 'cell_id',
        type: 'string',
        description: 'Zooms 11 à 14 : identifiant du carreau (INSEE ou estimé). Absent des carrés.',
      },
      {
        name: 'commune_code',
        type: 'string',
        description: 'Zooms 11 à 14 : code INSEE de la commune de la partie. Absent des carrés.',
      },
      {
        name: 'cell_size_m',
        type: 'integer',
        description:
          'Zooms 6 à 10 : côté du carré en mètres Web Mercator (EPSG:3857), 10 000, 5 000, 2 000, 1 000 ou 500 ; au sol, ' +
          'environ 0,7 fois moins en France métropolitaine. Absent des carreaux de 200 m.',
      },
      {
        name: 'departement_code',
        type: 'string',
        description:
          'Zooms 6 à 10 : code du département des carreaux du carré. Absent des carreaux de 200 m.',
      },
      {
        name: 'children',
        type: 'number',
        description:
          'Enfants de moins de 3 ans de la partie (à 0,01 près) : la part du carreau dans la commune ; pour un carré, ' +
          'la somme de ses carreaux.',
      },
      {
        name: 'accessibility_rate',
        type: 'number',
        description:
          'Places à portée pour 100 enfants de moins de 3 ans (à 0,1 près) ; pour un carré, la moyenne de ses ' +
          'carreaux pondérée par leurs enfants.',
      },
      {
        name: 'estimated',
        type: 'boolean',
        description:
          'Carreau placé par l’estimation (routes et bâtiments) et non par le carroyage INSEE : chiffres « estimés » ; ' +
          'pour un carré, l’un au moins de ses carreaux l’est.',
      },
    ],
    minzoom: 6,
    maxzoom: 14,
    query: [
      {
        name: 'year',
        type: 'integer',
        description: 'Année de la population et des places (1900 à 2100).',
        default:
          'la dernière année de chaque côté des données (territoire de démonstration, territoires réels)',
      },
      DEPARTEMENT,
    ],
    attribution: 'Berceau, d’après INSEE (carroyage), PMI, Caf et OpenStreetMap',
    source:
      'Accessibilité calculée par Berceau (E2SFCA, paliers ≤ 10 min : 1, ≤ 20 : 0,68, ≤ 30 : 0,22) à partir du ' +
      'carroyage de la demande, des places par site et des temps de trajet en voiture sur le réseau routier ' +
      'importé ; voir docs/accessibility.md. D’autres méthodes et paramètres : POST /api/accessibility.',
    notes: [
      'Paramètres par défaut seulement (E2SFCA, 30 min en voiture, tous les modes) : la couche est calculée une ' +
        'fois par version des données et conservée.',
      'Secret statistique : les places d’assistants maternels des communes sous le seuil ne sont pas comptées ' +
        '(chiffres du public, quel que soit le visiteur).',
      'Zooms 11 à 14 : carreaux de 200 m découpés à la tuile (marge de 64 unités sur 4096), sans simplification.',
      'Zooms 6 à 10 : chaque carreau compte dans le carré de la grille Web Mercator qui contient son centre, par ' +
        'département (carrés de 10 km au zoom 6, 5 km au 7, 2 km au 8, 1 km au 9, 500 m au 10 : deux pixels ou plus) ; enfants ' +
        'additionnés, taux pondéré par les enfants. Les carrés sont recalculés avec les carreaux, dans la même ' +
        'transaction : les deux montrent toujours les mêmes chiffres.',
    ],
  },
];

/** The layer of this id, or undefined: the id comes from a URL, the catalogue decides. */
export function findLayer(id: string): LayerDefinition | undefined {
  return LAYERS.find((l) => l.id === id);
}

/** Tile URL template of a layer, relative to the server (MapLibre `tiles` entry). */
export function tileUrlTemplate(layer: Pick<LayerDefinition, 'id'>): string {
  return `/api/tiles/${layer.id}/{z}/{x}/{y}.mvt`;
}
