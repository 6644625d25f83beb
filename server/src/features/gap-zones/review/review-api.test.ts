import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  reviewList,
  zoneComment,
  zoneDecision,
  zoneReview,
  zoneReviewAnswer,
  type ZoneReviewAnswer,
} from '../../../../../contract';
import { createTestDatabase, databaseMode } from '../../../../test/database';
import { expectContract } from '../../../../test/contract';
import type { Database } from '../../../db/database';
import { fetchDataVersions } from '../../../db/data-versions';
import type { SignedInUser } from '../../../domain/accounts';
import { apiNotFound, errorHandler } from '../../../http/error-handler';
import { createLogger } from '../../../logging/logger';
import { gapZoneReviewRoutes } from './routes';
import { GapZoneReviewService } from './service';
import { gapZoneRoutes } from '../routes';
import { GapZoneService } from '../service';
import { COLUMNS, YEAR, loadRowTerritory, settableTimes } from './test/row-territory';

/**
 * The review of gap zones over HTTP, on a row of seven cells across the Cher / Indre line (two
 * zones: one in each département). The session middleware of the accounts arrives apart: a
 * middleware here sets `res.locals.viewer` from a test header, as it will.
 */

const user = (
  id: number,
  role: SignedInUser['role'],
  departement: string | null,
): SignedInUser => ({
  id,
  login: `u${id}`,
  displayName: `Personne ${id}`,
  role,
  territories: departement ? [{ level: 'departement', code: departement }] : [],
});
const USERS: Record<string, SignedInUser> = {
  reviewer18: user(1, 'reviewer', '18'),
  reviewer36: user(2, 'reviewer', '36'),
  planner18: user(3, 'planner', '18'),
  admin: user(4, 'admin', null),
};
/** Accounts that may be put in charge, as the accounts table would give them. */
const ACCOUNTS = [
  ...Object.values(USERS).map((u) => ({ ...u, disabled: false })),
  { ...user(5, 'reviewer', '18'), disabled: true },
  { ...user(9, 'admin', null), displayName: '=HYPERLINK("http://x")', disabled: false },
];
const SANS_OFFRE_15 = { kind: 'sans_offre' as const, minutes: 15 };

describe(`the review of gap zones (${databaseMode})`, () => {
  let db: Database;
  let server: http.Server;
  let base: string;
  let zones: GapZoneService;
  const minutes = Array.from({ length: COLUMNS }, (_, col) => (col === 3 ? 5 : 20));
  let west: string; // cells 0–2, Cher
  let east: string; // cells 4–6, Indre

  const call = async (
    method: string,
    path: string,
    as: keyof typeof USERS | null,
    body?: unknown,
  ) => {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: {
        ...(as ? { 'x-test-user': as } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: type.includes('json') ? JSON.parse(text) : text };
  };
  const review = async (id: string, as: keyof typeof USERS = 'admin') => {
    const res = await call('GET', `/gap-zones/${id}/review`, as);
    expect(res.status).toBe(200);
    return expectContract(zoneReviewAnswer, res.body) as ZoneReviewAnswer;
  };
  /** Recomputes the zones with the times set now, for the current data version (fictional). */
  const recompute = async () =>
    zones.recompute(SANS_OFFRE_15, true, YEAR, (await fetchDataVersions(db.knex)).data);
  const activeIds = async () =>
    (
      await db.knex.raw(`SELECT id, cells FROM gap_zone WHERE status = 'active' ORDER BY cells[1]`)
    ).rows.map((r: { id: string }) => r.id);

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadRowTerritory(db.knex);
    zones = new GapZoneService(db.knex, settableTimes(minutes));
    const reviews = new GapZoneReviewService(
      db.knex,
      zones,
      async (id) => ACCOUNTS.find((a) => a.id === id) ?? null,
      async (id) => (id === 18 ? { id: 18, name: 'Deux MAM à Alpha' } : null),
    );
    const app = express();
    app.use(express.json());
    app.use((req, res, next) => {
      const as = req.header('x-test-user');
      if (as) res.locals.viewer = { exactChildminderFigures: false, user: USERS[as] };
      next();
    });
    const api = express.Router();
    api.use(gapZoneReviewRoutes(reviews));
    api.use(gapZoneRoutes(db, zones, reviews));
    api.use(apiNotFound);
    app.use('/api', api);
    app.use(errorHandler(createLogger('silent')));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await recompute();
    [west, east] = await activeIds();
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await db?.close();
  });

  it('finds one zone on each side of the département line', async () => {
    expect((await review(west)).zone.departements).toEqual(['18']);
    expect((await review(east)).zone.departements).toEqual(['36']);
    expect((await review(west)).review).toMatchObject({ status: 'a_examiner', version: 0 });
  });

  it('lets the public read no review (401), and roles or territories only their own (403)', async () => {
    expect((await call('GET', `/gap-zones/${west}/review`, null)).status).toBe(401);
    expect((await call('GET', `/gap-zones/${west}/review`, 'reviewer36')).status).toBe(403);
    expect((await call('GET', `/gap-zones/${west}/review`, 'planner18')).status).toBe(200);
    expect((await call('GET', `/gap-zones/${west}/review`, 'reviewer18')).status).toBe(200);
    expect((await call('GET', `/gap-zones/reviews`, null)).status).toBe(401);
  });

  it('lets only a reviewer or admin of the zone’s territory write, and records nothing refused', async () => {
    const writes = [
      ['PATCH', `/gap-zones/${east}/review`, { version: 0, status: 'confirmee' }],
      ['POST', `/gap-zones/${east}/comments`, { text: 'Vu en commission.' }],
      ['POST', `/gap-zones/${east}/decisions`, { text: 'Rien.', decided_on: '2025-03-14' }],
    ] as const;
    for (const [method, path, body] of writes) {
      const refused = [
        [null, 401],
        ['planner18', 403],
        ['reviewer18', 403],
      ] as const;
      for (const [as, status] of refused) {
        const res = await call(method, path, as, body);
        expect([method, path, as, res.status]).toEqual([method, path, as, status]);
        expect(res.body.error.code).toBe(status === 401 ? 'unauthenticated' : 'forbidden');
      }
    }
    const { rows } = await db.knex.raw(
      `SELECT (SELECT count(*) FROM gap_zone_audit)::int AS audit,
              (SELECT count(*) FROM gap_zone_review)::int AS reviews,
              (SELECT count(*) FROM gap_zone_comment)::int AS comments`,
    );
    expect(rows[0]).toEqual({ audit: 0, reviews: 0, comments: 0 });
  });

  it('changes status and assignee with the version, refusing a stale one with a 409', async () => {
    const first = await call('PATCH', `/gap-zones/${west}/review`, 'reviewer18', {
      version: 0,
      status: 'confirmee',
      assignee: { id: 1 },
    });
    expect(first.status).toBe(200);
    expect(expectContract(zoneReview, first.body)).toMatchObject({
      status: 'confirmee',
      status_label: 'confirmée',
      assignee: { id: 1, name: 'Personne 1' },
      version: 1,
      updated_by: { id: 1, name: 'Personne 1' },
    });
    // A colleague who read version 0 before that change.
    const stale = await call('PATCH', `/gap-zones/${west}/review`, 'admin', {
      version: 0,
      status: 'ecartee',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await review(west)).review).toMatchObject({ status: 'confirmee', version: 1 });
    const second = await call('PATCH', `/gap-zones/${west}/review`, 'admin', {
      version: 1,
      status: 'action_prevue',
    });
    expect(second.body).toMatchObject({ status: 'action_prevue', version: 2 });
  });

  it('of two changes sent at once against the same version, one is written and one is a 409', async () => {
    const [a, b] = await Promise.all(
      (['reviewer36', 'admin'] as const).map((as) =>
        call('PATCH', `/gap-zones/${east}/review`, as, { version: 0, status: 'confirmee' }),
      ),
    );
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await review(east)).review).toMatchObject({ status: 'confirmee', version: 1 });
    expect((await review(east)).audit).toHaveLength(1);
  });

  it('adds comments and decisions, and the audit trail records every change with before and after', async () => {
    const comment = await call('POST', `/gap-zones/${west}/comments`, 'reviewer18', {
      text: '  Familles des hameaux sans solution.  ',
    });
    expect(comment.status).toBe(201);
    expect(expectContract(zoneComment, comment.body).text).toBe(
      'Familles des hameaux sans solution.',
    );
    const decision = await call('POST', `/gap-zones/${west}/decisions`, 'reviewer18', {
      text: 'Étudier une MAM à Alpha.',
      decided_on: '2025-03-14',
      link: { kind: 'scenario', ref: '/projet-mam?scenario=18' },
    });
    expect(decision.status).toBe(201);
    expect(expectContract(zoneDecision, decision.body)).toMatchObject({
      decided_on: '2025-03-14',
      link: { kind: 'scenario', ref: '18' },
      author: { id: 1, name: 'Personne 1' },
    });
    const { audit, comments, decisions } = await review(west, 'planner18');
    expect(comments.map((c) => c.text)).toEqual(['Familles des hameaux sans solution.']);
    expect(decisions.map((d) => d.text)).toEqual(['Étudier une MAM à Alpha.']);
    expect(audit.map((a) => [a.actor.id, a.action, a.before, a.after])).toEqual([
      [
        1,
        'review',
        { status: 'a_examiner', assignee: null },
        { status: 'confirmee', assignee: { id: 1, name: 'Personne 1' }, version: 1 },
      ],
      [4, 'review', { status: 'confirmee' }, { status: 'action_prevue', version: 2 }],
      [1, 'comment', null, { id: comment.body.id, text: 'Familles des hameaux sans solution.' }],
      [
        1,
        'decision',
        null,
        {
          id: decision.body.id,
          text: 'Étudier une MAM à Alpha.',
          decided_on: '2025-03-14',
          link: { kind: 'scenario', ref: '18' },
        },
      ],
    ]);
  });

  it('the database refuses to rewrite or erase the audit trail, whoever asks', async () => {
    await expect(db.knex.raw(`UPDATE gap_zone_audit SET actor_name = 'x'`)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(db.knex.raw(`DELETE FROM gap_zone_audit`)).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(db.knex.raw(`TRUNCATE gap_zone_audit`)).rejects.toThrow(
      /append-only: TRUNCATE refused/,
    );
    const { rows } = await db.knex.raw(`SELECT count(*)::int AS n FROM gap_zone_audit`);
    expect(rows[0].n).toBe(5);
  });

  it('puts in charge only an active account of the zone’s territory, named as it is', async () => {
    const [zone] = await activeIds();
    const refused = async (id: number) => {
      const { review } = (await call('GET', `/gap-zones/${zone}/review`, 'admin')).body;
      const res = await call('PATCH', `/gap-zones/${zone}/review`, 'admin', {
        version: review.version,
        assignee: { id },
      });
      expect(res.status, String(id)).toBe(400);
      return res.body.error.details;
    };
    expect(await refused(77)).toEqual([
      { field: 'body.assignee.id', message: 'no active account has this id' },
    ]);
    expect((await refused(5))[0].message).toBe('no active account has this id');
    expect((await refused(2))[0].message).toBe('this user does not work on the zone’s territory');
  });

  it('filters the zone list by review status and assignee, for signed-in users only', async () => {
    const ids = async (query: string, as: keyof typeof USERS | null) => {
      const res = await call('GET', `/gap-zones${query}`, as);
      return res.status === 200 ? res.body.features.map((f: { id: string }) => f.id) : res.status;
    };
    expect(await ids('?review_status=action_prevue', null)).toBe(401);
    expect(await ids('?review_status=action_prevue', 'planner18')).toEqual([west]);
    expect(await ids('?review_status=confirmee', 'planner18')).toEqual([east]);
    expect(await ids('?assignee=1', 'reviewer36')).toEqual([west]);
    expect(await ids('?assignee=2', 'reviewer36')).toEqual([]);
    // The public list stays the public's: no review field.
    const open = await call('GET', '/gap-zones', null);
    expect(Object.keys(open.body.features[0].properties)).not.toContain('review');
  });

  it('lists for a comité the zones of the user’s territories, and exports them for French Excel', async () => {
    const mine = await call('GET', '/gap-zones/reviews', 'planner18');
    expect(expectContract(reviewList, mine.body).zones.map((z) => z.zone_id)).toEqual([west]);
    const all = await call('GET', '/gap-zones/reviews?review_status=confirmee', 'admin');
    expect(all.body.zones.map((z: { zone_id: string }) => z.zone_id)).toEqual([east]);
    await call('POST', `/gap-zones/${west}/decisions`, 'reviewer18', {
      text: 'Point au comité de juin ; "urgent"',
      decided_on: '2025-04-01',
    });
    const res = await fetch(`${base}/api/gap-zones/reviews?format=csv`, {
      headers: { 'x-test-user': 'reviewer18' },
    });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0].split(';').slice(0, 8)).toEqual([
      'zone',
      'communes',
      'departements',
      'enfants_moins_3_ans',
      'places_manquantes',
      'statut',
      'responsable',
      'decisions',
    ]);
    const zone = mine.body.zones[0];
    expect(lines[1]).toBe(
      [
        west,
        'Alpha (18001)',
        '18',
        '30',
        String(zone.places_missing),
        'action prévue',
        'Personne 1',
        '"2025-03-14 : Étudier une MAM à Alpha. (Personne 1) [scénario 18] | 2025-04-01 : Point au comité de juin ; ""urgent"" (Personne 1)"',
        '',
        String(YEAR),
        'oui',
      ].join(';'),
    );
  });

  describe('across recomputations', () => {
    it('keeps the review of a zone that keeps its id', async () => {
      const before = await review(west);
      await recompute();
      expect(await activeIds()).toEqual([west, east]);
      const after = await review(west);
      expect(after.review).toEqual(before.review);
      expect(after.audit).toEqual(before.audit);
    });

    it('a split zone keeps its history, which its successors show as inherited; a removed one keeps its own', async () => {
      await call('POST', `/gap-zones/${east}/comments`, 'reviewer36', { text: 'À revoir.' });
      const eastBefore = await review(east);
      minutes[5] = 5; // a crèche opens in the middle of the eastern zone: it splits in two
      minutes[0] = minutes[1] = minutes[2] = 5; // and one near the western zone: it goes
      await recompute();
      const successors = await activeIds();
      expect(successors).toHaveLength(2);
      expect(successors).not.toContain(east);

      const split = await review(east, 'reviewer36');
      expect(split.zone).toMatchObject({ status: 'split', successors: [...successors].sort() });
      expect(split.comments).toEqual(eastBefore.comments);
      expect(split.audit).toEqual(eastBefore.audit);
      for (const id of successors) {
        const child = await review(id, 'reviewer36');
        expect(child.review).toMatchObject({ status: 'a_examiner', version: 0 });
        expect(child.inherited).toHaveLength(1);
        expect(child.inherited[0]).toMatchObject({ zone_id: east, status: 'split', via: id });
        expect(child.inherited[0].comments.map((c) => c.text)).toEqual(['À revoir.']);
      }

      const gone = await review(west, 'planner18');
      expect(gone.zone).toMatchObject({ status: 'disappeared', successors: [] });
      expect(gone.review).toMatchObject({ status: 'action_prevue', version: 2 });
      expect(gone.decisions).toHaveLength(2);
      // Its history is read-only now: the review goes on in the zones that hold its cells.
      const late = await call('POST', `/gap-zones/${west}/comments`, 'reviewer18', {
        text: 'Tard.',
      });
      expect(late.status).toBe(409);

      const list = await call('GET', '/gap-zones/reviews', 'reviewer36');
      expect(list.body.zones.map((z: { inherited_from: string[] }) => z.inherited_from)).toEqual([
        [east],
        [east],
      ]);
    });
  });

  it('answers 404 for an unknown zone and 400 naming the field for bad input', async () => {
    const unknown = await call('GET', '/gap-zones/gz-000000000000/review', 'admin');
    expect(unknown.status).toBe(404);
    const cases: [string, string, unknown, string][] = [
      ['PATCH', `/gap-zones/nope/review`, { version: 0, status: 'confirmee' }, 'params.id'],
      ['PATCH', `/gap-zones/${west}/review`, { version: 0, status: 'validee' }, 'body.status'],
      ['PATCH', `/gap-zones/${west}/review`, { version: -1, status: 'confirmee' }, 'body.version'],
      ['PATCH', `/gap-zones/${west}/review`, { status: 'confirmee' }, 'body.version'],
      ['POST', `/gap-zones/${west}/comments`, { text: '   ' }, 'body.text'],
      ['POST', `/gap-zones/${west}/comments`, { text: 'x'.repeat(4001) }, 'body.text'],
      [
        'POST',
        `/gap-zones/${west}/decisions`,
        { text: 'x', decided_on: '14/03/2025' },
        'body.decided_on',
      ],
      [
        'POST',
        `/gap-zones/${west}/decisions`,
        { text: 'x', decided_on: '2025-03-14', link: { kind: 'x', ref: '1' } },
        'body.link.kind',
      ],
      // A scenario link names a saved scenario that exists.
      [
        'POST',
        `/gap-zones/${west}/decisions`,
        { text: 'x', decided_on: '2025-03-14', link: { kind: 'scenario', ref: 'sc-99' } },
        'body.link.ref',
      ],
      [
        'POST',
        `/gap-zones/${west}/decisions`,
        { text: 'x', decided_on: '2025-03-14', link: { kind: 'scenario', ref: 'plus tard' } },
        'body.link.ref',
      ],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await call(method, path, 'admin', body);
      expect([path, field, res.status]).toEqual([path, field, 400]);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('writes a name a spreadsheet would run as a formula as text in the comité’s CSV', async () => {
    const [zone] = await activeIds();
    const set = await call('PATCH', `/gap-zones/${zone}/review`, 'admin', {
      version: 0,
      assignee: { id: 9 },
    });
    expect(set.status).toBe(200);
    const res = await fetch(`${base}/api/gap-zones/reviews?format=csv&review_status=a_examiner`, {
      headers: { 'x-test-user': 'admin' },
    });
    const line = (await res.text()).split('\r\n').find((l) => l.startsWith(zone))!;
    expect(line.split(';')[6]).toBe(`"'=HYPERLINK(""http://x"")"`);
  });
});
