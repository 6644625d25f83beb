import { describe, expect, it } from 'vitest';
import { createTileCache, type CachedTile } from './tile-cache';

const tile = (text: string, size = text.length): CachedTile => ({
  bytes: new Uint8Array(size).fill(text.charCodeAt(0)),
  gzipped: false,
  etag: `"${text}"`,
  encodedBy: 'postgis',
});

/** A render function that counts its calls and resolves when told. */
function renderer(result: CachedTile) {
  let calls = 0;
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  return {
    render: async () => {
      calls++;
      await gate;
      return result;
    },
    release: () => release(),
    calls: () => calls,
  };
}

describe('tile cache', () => {
  it('renders a tile once per data version, then serves it from memory', async () => {
    const cache = createTileCache(1024 * 1024);
    let renders = 0;
    const render = async () => tile(`r${++renders}`);
    const first = await cache.fetch('communes/8/129/90', 'v1', render);
    const second = await cache.fetch('communes/8/129/90', 'v1', render);
    expect(first).toMatchObject({ hit: false, tile: { etag: '"r1"' } });
    expect(second).toMatchObject({ hit: true, tile: { etag: '"r1"' } });
    expect(renders).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  it('a new data version empties the cache: tiles of older data are never served', async () => {
    const cache = createTileCache(1024 * 1024);
    await cache.fetch('gaps/7/64/44', 'v1', async () => tile('old'));
    await cache.fetch('roads/7/64/44', 'v1', async () => tile('road'));
    const after = await cache.fetch('gaps/7/64/44', 'v2', async () => tile('new'));
    expect(after).toMatchObject({ hit: false, tile: { etag: '"new"' } });
    expect(cache.stats().entries).toBe(1);
  });

  it('concurrent requests for the same tile share one render', async () => {
    const cache = createTileCache(1024 * 1024);
    const r = renderer(tile('once'));
    const requests = Array.from({ length: 4 }, () =>
      cache.fetch('communes/6/32/22', 'v1', r.render),
    );
    r.release();
    const results = await Promise.all(requests);
    expect(r.calls()).toBe(1);
    expect(results.map((x) => x.tile.etag)).toEqual(Array(4).fill('"once"'));
    expect(results.filter((x) => !x.hit)).toHaveLength(1);
    expect(cache.stats()).toMatchObject({ misses: 1, shared: 3 });
  });

  it('keeps within its memory, dropping the least recently used tiles first', async () => {
    const cache = createTileCache(3 * (1000 + 200)); // three 1,000-byte tiles with bookkeeping
    for (const k of ['a', 'b', 'c']) await cache.fetch(k, 'v1', async () => tile(k, 1000));
    await cache.fetch('a', 'v1', async () => tile('a2', 1000)); // a is used again
    await cache.fetch('d', 'v1', async () => tile('d', 1000)); // b goes
    expect(cache.stats()).toMatchObject({ entries: 3, bytes: 3600 });
    expect((await cache.fetch('a', 'v1', async () => tile('x'))).hit).toBe(true);
    expect((await cache.fetch('b', 'v1', async () => tile('b2', 1000))).hit).toBe(false);
  });

  it('a failed render is not kept: the next request renders again', async () => {
    const cache = createTileCache(1024 * 1024);
    await expect(
      cache.fetch('eaje/12/2075/1443', 'v1', async () => {
        throw new Error('database timeout');
      }),
    ).rejects.toThrow('database timeout');
    const retry = await cache.fetch('eaje/12/2075/1443', 'v1', async () => tile('ok'));
    expect(retry).toMatchObject({ hit: false, tile: { etag: '"ok"' } });
  });
});
