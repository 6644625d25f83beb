import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, ref } from 'vue';
import type { ZoneReviewAnswer } from '../api/types';
import { apiError, fakeApi, settle } from '../../test/fake-api';
import { useZoneReview } from './useZoneReview';

const ID = 'gz-aaaaaaaaaaaa';
const answer = (version: number, status = 'a_examiner'): ZoneReviewAnswer =>
  ({
    zone: {
      id: ID,
      status: 'active',
      successors: [],
      communes: [],
      epcis: [],
      departements: ['18'],
    },
    review: {
      zone_id: ID,
      status,
      status_label: '',
      assignee: null,
      version,
      updated_at: null,
      updated_by: null,
    },
    comments: [],
    decisions: [],
    audit: [],
    inherited: [],
  }) as ZoneReviewAnswer;

afterEach(() => vi.unstubAllGlobals());

describe('useZoneReview', () => {
  it('loads nothing for the public', async () => {
    const api = fakeApi(() => ({ body: answer(0) }));
    effectScope().run(() => useZoneReview(ref(ID), () => false));
    await settle();
    expect(api.urls()).toEqual([]);
  });

  it('sends a change with the version read, then reads the review again', async () => {
    let version = 2;
    const api = fakeApi((r) =>
      r.method === 'PATCH' ? { body: { ...answer(++version).review } } : { body: answer(version) },
    );
    const r = effectScope().run(() => useZoneReview(ref(ID), () => true))!;
    await settle();
    expect(await r.change({ status: 'confirmee' })).toBe(true);
    await settle();
    expect(api.urls()).toEqual([
      `/api/gap-zones/${ID}/review`,
      `PATCH /api/gap-zones/${ID}/review`,
      `/api/gap-zones/${ID}/review`,
    ]);
    expect(api.requests[1].body).toEqual({ status: 'confirmee', version: 2 });
    expect(r.review.data.value?.review.version).toBe(3);
    expect(r.message.value).toBe('Revue enregistrée.');
  });

  it('on a 409 reloads the review and says a colleague changed it', async () => {
    let version = 4;
    fakeApi((r) => {
      if (r.method === 'PATCH') {
        version = 5; // changed meanwhile by someone else
        return apiError(409, 'conflict', 'The review of this zone changed meanwhile');
      }
      return { body: answer(version, version === 5 ? 'ecartee' : 'a_examiner') };
    });
    const r = effectScope().run(() => useZoneReview(ref(ID), () => true))!;
    await settle();
    expect(await r.change({ status: 'confirmee' })).toBe(false);
    await settle();
    expect(r.message.value).toMatch(/a changé entre-temps/);
    expect(r.review.data.value?.review).toMatchObject({ version: 5, status: 'ecartee' });
  });

  it('posts a comment and a decision to the zone', async () => {
    const api = fakeApi((r) => ({ status: r.method === 'POST' ? 201 : 200, body: answer(0) }));
    const r = effectScope().run(() => useZoneReview(ref(ID), () => true))!;
    await settle();
    await r.comment('Vu en comité.');
    await r.decide({ text: 'MAM à étudier', decided_on: '2025-03-14', link: null });
    expect(api.requests.filter((q) => q.method === 'POST').map((q) => [q.url, q.body])).toEqual([
      [`/api/gap-zones/${ID}/comments`, { text: 'Vu en comité.' }],
      [
        `/api/gap-zones/${ID}/decisions`,
        { text: 'MAM à étudier', decided_on: '2025-03-14', link: null },
      ],
    ]);
  });
});
