/**
 * Names of crèches, MAM and their managers: the themes French facilities are usually named
 * after (animals, nursery rhymes, "petits" things), and invented company names for private
 * managers, so no real operator appears in the demo.
 */
import { de } from './names';
import type { Random } from './random';
import type { EajeKind } from './types';

// prettier-ignore
const THEMES = [
  "Les P'tits Loups", 'Arc-en-ciel', 'Les Lucioles', 'Pirouette', 'Les Bambins', 'Les Coccinelles',
  'Petits Pas', 'Les Marmousets', 'Bulle de Savon', 'Les Écureuils', 'La Farandole', 'Les Lutins',
  "Graine d'Éveil", 'Les Câlinous', 'Les Petits Mousses', "L'Île aux Enfants", 'Les Hirondelles',
  'Trottinette', 'Les Pitchouns', 'Le Jardin des Doudous', 'Les Dauphins', 'Pomme de Reinette',
  'Les Frimousses', 'Les Lapinous', 'Le Petit Prince', 'Les Moussaillons', 'Capucine',
  'Les Mésanges', 'Les Petits Cailloux', 'Brin de Malice', 'Les Galipettes', 'Les Oursons',
  'Les Papillons', 'La Ribambelle', 'Les Chatons', 'Le Nid', 'Les Copains', 'Tom Pouce',
  'Les Poussins', 'Les Tournesols',
];
// prettier-ignore
const MAM_THEMES = [
  "Les P'tits Bouchons", 'Au Pays des Doudous', 'Les Petits Trésors', 'La Maison des Lutins',
  'Les Bout’chous', 'Les Petites Canailles', 'À Petits Pas', 'La Cabane des Loupiots',
  'Les Diablotins', 'Les Petites Frimousses', 'Les Mini-Pousses', 'Le Cocon', 'Les Marmots',
  'Les Doudous du Val', 'La Bulle Enchantée', 'Les Petits Malins', 'Les Petits Loups',
  'Les Zouzous', 'Au Fil des Saisons',
];
/** Invented private operators (SAS, SARL): none of them exists. */
// prettier-ignore
const COMPANIES = [
  'Éveil & Sourire SAS', 'Petites Pousses SARL', 'Crèches Bouton d’Or', 'Kidilune SAS',
  'Berlingot Crèches', 'Ninon & Compagnie', 'Crèches Colibri', 'Tipi Kids SAS', 'Mini-Pousses SAS',
  'Les Jardins de Lison SARL', 'Crèches Alouette', 'Petit Nuage SAS',
];

const KIND_LABEL: Record<EajeKind, string> = {
  multi_accueil: 'Multi-accueil',
  creche_collective: 'Crèche',
  micro_creche: 'Micro-crèche',
  halte_garderie: 'Halte-garderie',
  creche_familiale: 'Crèche familiale',
  creche_parentale: 'Crèche parentale',
};

export function eajeName(random: Random, kind: EajeKind, commune: string): string {
  if (kind === 'creche_familiale') return `${KIND_LABEL[kind]} ${de(commune)}`;
  return `${KIND_LABEL[kind]} ${random.pick(THEMES)}`;
}

export function mamName(random: Random): string {
  return `MAM ${random.pick(MAM_THEMES)}`;
}

export type ManagerKind = 'public' | 'associatif' | 'prive';

/** A manager of `kind` for a facility in `commune`; `epci` is the intercommunality's name. */
export function managerName(
  random: Random,
  kind: ManagerKind,
  commune: string,
  epci: string,
): string {
  switch (kind) {
    case 'public':
      return random.pick([`Commune ${de(commune)}`, `CCAS ${de(commune)}`, epci]);
    case 'associatif':
      return random.pick([
        `Association ${random.pick(THEMES)}`,
        `Association familiale ${de(commune)}`,
        `Association Enfance et Familles ${de(commune)}`,
      ]);
    default:
      return random.pick(COMPANIES);
  }
}
