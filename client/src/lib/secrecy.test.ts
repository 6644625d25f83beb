import { describe, expect, it } from 'vitest';
import { secrecyReason, secretFigureText } from './secrecy';

describe('statistical secrecy in the UI', () => {
  it('says "moins de N" when the territory itself has too few childminders', () => {
    const f = { childminders_secret: true, childminders_below: 3 };
    expect(secretFigureText(f)).toBe('secret (moins de 3 assistants maternels)');
    expect(secrecyReason(f)).toMatch(/^Secret statistique : moins de 3 assistants maternels/);
  });

  it('says a neighbour is protected when the figure is withheld for subtraction', () => {
    const f = { childminders_secret: true, childminders_below: null };
    expect(secretFigureText(f)).toBe('secret (protège un territoire voisin)');
    expect(secrecyReason(f)).toMatch(/par soustraction/);
  });

  it('has no reason for public figures', () => {
    expect(secrecyReason({ childminders_secret: false, childminders_below: null })).toBeNull();
  });
});
