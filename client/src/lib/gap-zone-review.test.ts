import { describe, expect, it } from 'vitest';
import type { AuditEntry, GapZoneFeature } from '../api/types';
import {
  decisionLinkView,
  NO_FILTER,
  auditSentence,
  comiteCsvUrl,
  inheritedCaption,
  passesFilters,
} from './gap-zone-review';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  zone_id: 'gz-aaaaaaaaaaaa',
  at: '2025-03-14T09:02:00.000Z',
  actor: { id: 1, name: 'Claire Dubois' },
  action: 'review',
  before: null,
  after: {},
  ...over,
});

describe('what the history says', () => {
  it('names the status and assignee before and after, in French', () => {
    expect(
      auditSentence(
        entry({
          before: { status: 'a_examiner', assignee: null },
          after: { status: 'confirmee', assignee: { id: 2, name: 'Marc' }, version: 1 },
        }),
      ),
    ).toBe(
      'Claire Dubois a changé statut : à examiner → confirmée ; responsable : personne → Marc',
    );
    expect(auditSentence(entry({ action: 'decision', after: { decided_on: '2025-03-14' } }))).toBe(
      'Claire Dubois a enregistré une décision (du 14/03/2025)',
    );
  });

  it('says which retired zone a zone carries the history of, and how', () => {
    expect(
      inheritedCaption({
        zone_id: 'gz-bbbbbbbbbbbb',
        status: 'split',
        via: 'gz-aaaaaaaaaaaa',
        review: null as never,
        comments: [],
        decisions: [],
        audit: [],
      }),
    ).toBe('reprend l’historique de la zone gz-bbbbbbbbbbbb (scindée)');
  });
});

describe('the filters of the list', () => {
  const zone = {
    id: 'gz-aaaaaaaaaaaa',
    properties: { departements: ['18'], children_under3: 12.4 },
  } as unknown as GapZoneFeature;

  it('count a zone never reviewed as à examiner, and filter on territory and children', () => {
    expect(passesFilters(zone, undefined, { ...NO_FILTER, status: 'a_examiner' })).toBe(true);
    expect(passesFilters(zone, undefined, { ...NO_FILTER, status: 'confirmee' })).toBe(false);
    expect(passesFilters(zone, undefined, { ...NO_FILTER, departement: '36' })).toBe(false);
    expect(passesFilters(zone, undefined, { ...NO_FILTER, minChildren: 13 })).toBe(false);
    expect(passesFilters(zone, undefined, { ...NO_FILTER, assignee: 4 })).toBe(false);
  });

  it('export the zones for a comité as CSV', () => {
    expect(comiteCsvUrl({ minutes: 15, level: 'epci', code: '200000001' })).toBe(
      '/api/gap-zones/reviews?minutes=15&level=epci&code=200000001&format=csv',
    );
  });
});

describe('the link of a decision', () => {
  it('opens a saved scenario on the Projet de MAM screen, a web address as such', () => {
    expect(decisionLinkView({ kind: 'scenario', ref: '18' })).toEqual({
      label: 'Scénario n° 18',
      href: '/projet-mam?scenario=18',
    });
    expect(decisionLinkView({ kind: 'facility', ref: 'eaje-12' })).toEqual({
      label: 'Équipement : eaje-12',
      href: null,
    });
    expect(decisionLinkView({ kind: 'scenario', ref: 'https://exemple.fr/s' }).href).toBe(
      'https://exemple.fr/s',
    );
    expect(decisionLinkView({ kind: 'scenario', ref: 'javascript:alert(1)' }).href).toBeNull();
  });
});
