/**
 * Fictional French place names: communes, EPCI and départements, composed from roots,
 * suffixes and the usual compounds ("Saint-", "-sur-", "-le-", "Val-de-", "-ville", "-court",
 * "-ac", "-ay"…). The rivers are invented, so most names exist nowhere; a coincidence with a
 * real commune is harmless since codes never collide (see codes.ts).
 */
import type { Random } from './random';

// prettier-ignore
const ROOTS = [
  'Aub', 'Aren', 'Ban', 'Bel', 'Bess', 'Bour', 'Brin', 'Chal', 'Chant', 'Char', 'Chaum', 'Cor',
  'Cour', 'Crez', 'Dam', 'Esp', 'Fav', 'Font', 'Gar', 'Gerv', 'Gond', 'Jal', 'Jou', 'Lav', 'Lign',
  'Lur', 'Mar', 'Marc', 'Mass', 'Mer', 'Mont', 'Mor', 'Noz', 'Ors', 'Par', 'Per', 'Quin', 'Ray',
  'Rom', 'Sal', 'Sanc', 'Sav', 'Ser', 'Sol', 'Ten', 'Tour', 'Vall', 'Vaur', 'Ven', 'Ver', 'Vign',
  'Vill', 'Vor', 'Arg', 'Beaum', 'Blanc', 'Brug', 'Cap', 'Cern', 'Coul', 'Dorn', 'Frem', 'Grand',
  'Lor', 'Malv', 'Nerm', 'Ouz', 'Prem', 'Rosn', 'Sorn', 'Thev', 'Urc', 'Vesl', 'Aud', 'Brem',
];
// prettier-ignore
const SUFFIXES = [
  'ac', 'ay', 'y', 'igny', 'ignac', 'ille', 'ecourt', 'euil', 'ières', 'on', 'ans', 'eux', 'oux',
  'ange', 'ault', 'as', 'elles', 'at', 'ois', 'enay', 'illy', 'iers', 'oire', 'iac', 'é', 'argues',
  'ols', 'eville', 'ecy', 'inay', 'erolles', 'anges', 'ignol', 'oyes', 'aines', 'euvre',
];
// prettier-ignore
const SAINTS = [
  'Martin', 'Germain', 'Georges', 'Hilaire', 'Aubin', 'Pierre', 'Jean', 'Denis', 'Florent',
  'Amand', 'Léger', 'Saturnin', 'Éloi', 'Genès', 'Firmin', 'Symphorien', 'Just', 'Laurent', 'Maur',
  'Médard', 'Ouen', 'Rémy', 'Sulpice', 'Vincent', 'Cyr', 'Avit', 'Baudel', 'Palais', 'Christophe',
  'Victor', 'Romain', 'Loup', 'Benoît', 'Fargeol', 'Hippolyte', 'Gervais', 'Privat', 'Ambroix',
];
// prettier-ignore
const SAINTES = [
  'Solange', 'Lunaise', 'Thorette', 'Sévère', 'Colombe', 'Radegonde', 'Gemme', 'Foy',
];
// prettier-ignore
const COMPOUNDS = [
  'Villeneuve', 'Châteauneuf', 'Neuvy', 'Villefranche', 'Fontaine', 'Montigny', 'Chaumont',
  'Bellevue', 'Mézières', 'Beaulieu', 'Vaux', 'Rochefort', 'Montfaucon', 'Clairvaux',
];
// prettier-ignore
const ARTICLED = [
  'La Chapelle', 'Le Mesnil', 'La Celle', 'Le Chêne', 'La Ferté', 'Les Aix', 'Le Pin', 'La Roche',
  'Les Loges', 'Le Plessis', 'La Motte', 'Les Granges', 'Le Breuil', 'La Guerche',
];
// prettier-ignore
const QUALIFIERS = [
  'le-Haut', 'le-Bas', 'le-Château', 'la-Forêt', 'le-Vieil', 'les-Bois', 'les-Vignes',
  'la-Rivière', 'le-Petit', 'le-Grand', 'les-Étangs', 'la-Côte',
];
const COUNTRIES = ['Bocage', 'Plaine', 'Forêt', 'Vallée', 'Coteaux', 'Montagne', 'Gâtine'];
/** Invented rivers: each département draws a few for its names. */
// prettier-ignore
export const RIVERS = [
  'Aurelle', 'Vauzonne', 'Brénette', 'Oline', 'Sarlonne', 'Morande', 'Trèvre', 'Lisonne',
  'Arnelle', 'Cléone', 'Ondrelle', 'Sauzette', 'Isolette', 'Doulonne', 'Esmerande', 'Ravonne',
  'Belvonne', 'Urcelle', 'Ardelle', 'Vionne', 'Gartempette', 'Salvonne', 'Orbelle', 'Tardenne',
  'Ausonne', 'Milandre', 'Escaude', 'Varaine', 'Louvette', 'Fléronne',
];

/** Real towns too well known to appear in a fictional département without confusing anyone. */
const FAMOUS = new Set(['Chantilly', 'Orsay', 'Romilly', 'Vierzon', 'Montargis']);

const VOWEL_START = /^[AEIOUYÉÈÊÂÎÔH]/i;

/** "de X" with French elision and contraction: d'Aurelle, du Breuil, des Aix, de La Celle. */
export function de(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  if (VOWEL_START.test(name)) return `d'${name}`;
  return `de ${name}`;
}

/** Hyphenated form inside a commune name: "-d'Aurelle", "-de-Vauzonne". */
function deHyphen(name: string): string {
  return VOWEL_START.test(name) ? `d'${name}` : `de-${name}`;
}

/** Commune names unique within one département. */
export class CommuneNames {
  private readonly used = new Set<string>();

  constructor(
    private readonly random: Random,
    /** The département's rivers, used in "-sur-X" and "Val-de-X". */
    private readonly rivers: readonly string[],
  ) {}

  next(): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const name = this.compose();
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    throw new RangeError('CommuneNames: no unused name left');
  }

  /** Root + suffix, never stuttering ("Villeville") nor a famous real town. */
  private word(): string {
    const r = this.random;
    for (;;) {
      const word = r.pick(ROOTS) + r.pick(SUFFIXES);
      if (!/(.{3,})\1/i.test(word) && !FAMOUS.has(word)) return word;
    }
  }

  private complement(): string {
    const r = this.random;
    switch (r.weightedIndex([4, 3, 2, 1])) {
      case 0:
        return `sur-${r.pick(this.rivers)}`;
      case 1:
        return r.pick(QUALIFIERS);
      case 2:
        return `en-${r.pick(COUNTRIES)}`;
      default:
        return deHyphen(this.word());
    }
  }

  private compose(): string {
    const r = this.random;
    switch (r.weightedIndex([40, 16, 18, 10, 10, 3])) {
      case 0:
        return this.word();
      case 1: {
        const saint = r.chance(0.85) ? `Saint-${r.pick(SAINTS)}` : `Sainte-${r.pick(SAINTES)}`;
        return r.chance(0.45) ? `${saint}-${this.complement()}` : saint;
      }
      case 2:
        return `${this.word()}-${this.complement()}`;
      case 3: {
        const head = r.pick(ARTICLED);
        return r.chance(0.5) ? `${head}-Saint-${r.pick(SAINTS)}` : `${head}-${this.complement()}`;
      }
      case 4:
        return `${r.pick(COMPOUNDS)}-${this.complement()}`;
      default:
        return `Val-${deHyphen(r.pick(this.rivers))}`;
    }
  }
}

/** A département name not in `used` (which it extends): "Haute-Vauzonne", "Aurelle-et-Oline". */
export function departementName(
  random: Random,
  rivers: readonly string[],
  used: Set<string>,
): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const [a, b] = [rivers[0], rivers[1]];
    const other = random.pick(RIVERS);
    const name = random.pick([
      `Haute-${a}`,
      `${a}-et-${b}`,
      `Val-${deHyphen(a)}`,
      `Basse-${a}`,
      `${random.pick(COUNTRIES)}-${deHyphen(a)}`,
      `${a}-et-${other}`,
      `Haute-${other}`,
    ]);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  throw new RangeError('departementName: no unused name left');
}

/**
 * An EPCI name, unique within `used`. A CA is named after its main town; a CC after its main
 * commune or a river of the area ("Communauté de communes du Val de Vauzonne").
 */
export function epciName(
  random: Random,
  kind: 'CC' | 'CA',
  mainCommune: string,
  rivers: readonly string[],
  used: Set<string>,
): string {
  const options =
    kind === 'CA'
      ? [`Communauté d'agglomération ${de(mainCommune)}`, `${mainCommune} Agglomération`]
      : [
          `Communauté de communes du Pays ${de(mainCommune)}`,
          `Communauté de communes ${de(mainCommune)}`,
          `Communauté de communes des Portes ${de(mainCommune)}`,
          `Communauté de communes Terres ${de(mainCommune)}`,
          `Communauté de communes du Val ${de(random.pick(rivers))}`,
          `Communauté de communes des Coteaux ${de(random.pick(rivers))}`,
          `Communauté de communes Cœur ${de(random.pick(COUNTRIES))}`,
        ];
  random.shuffle(options);
  const name =
    options.find((o) => !used.has(o)) ?? `Communauté de communes du Pays ${de(mainCommune)}`;
  used.add(name);
  return name;
}
