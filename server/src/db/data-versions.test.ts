import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { KeptForVersion, fetchDataVersions } from './data-versions';

describe('KeptForVersion', () => {
  it('makes a value once per version, shares it between concurrent asks, and forgets a failure', async () => {
    const kept = new KeptForVersion<string>();
    let made = 0;
    const make = (value: string) => () => {
      made++;
      return Promise.resolve(value);
    };
    expect(kept.version).toBeNull();
    const [a, b] = await Promise.all([kept.get('v1', make('one')), kept.get('v1', make('other'))]);
    expect([a, b, made]).toEqual(['one', 'one', 1]);
    expect(kept.version).toBe('v1');
    expect(await kept.get('v2', make('two'))).toBe('two');
    expect(made).toBe(2);

    // A failed making is not kept: the next ask for the same version makes again.
    await expect(kept.get('v3', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(kept.version).toBeNull();
    expect(await kept.get('v3', make('three'))).toBe('three');
    expect(made).toBe(3);

    kept.clear();
    expect(kept.version).toBeNull();
    expect(await kept.get('v3', make('again'))).toBe('again');
  });
});

describe('fetchDataVersions', () => {
  /** A database whose version reads the test answers one by one. */
  function fakeDatabase() {
    const reads: { resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
    const knex = {
      raw: () =>
        new Promise((resolve, reject) =>
          reads.push({
            resolve: (v) => resolve({ rows: [{ network: `n-${v}`, data: `d-${v}` }] }),
            reject,
          }),
        ),
    } as unknown as Knex;
    return { knex, reads };
  }
  const settle = () => new Promise((r) => setImmediate(r));

  it('shares reads between concurrent callers, never answering with a read started before the call', async () => {
    const { knex, reads } = fakeDatabase();
    const first = fetchDataVersions(knex);
    expect(reads.length).toBe(1);
    // Asked while the first read runs: it may predate them, so they share the next one.
    const later = [fetchDataVersions(knex), fetchDataVersions(knex), fetchDataVersions(knex)];
    await settle();
    expect(reads.length).toBe(1);
    reads[0].resolve('1');
    expect(await first).toEqual({ network: 'n-1', data: 'd-1' });
    await settle();
    expect(reads.length).toBe(2);
    reads[1].resolve('2');
    expect(await Promise.all(later)).toEqual(Array(3).fill({ network: 'n-2', data: 'd-2' }));
    // Nothing in flight: a new call reads again.
    const again = fetchDataVersions(knex);
    expect(reads.length).toBe(3);
    reads[2].resolve('3');
    expect((await again).data).toBe('d-3');
  });

  it('passes a failed read to its callers only; those who asked meanwhile get the next read', async () => {
    const { knex, reads } = fakeDatabase();
    const first = fetchDataVersions(knex);
    const waiting = fetchDataVersions(knex);
    reads[0].reject(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    await settle();
    reads[1].resolve('4');
    expect((await waiting).data).toBe('d-4');
  });
});
