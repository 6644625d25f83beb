import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import { tileId } from '../../domain/tiles/tile-id';
import { PUBLIC_VIEWER } from '../../kernel';
import { findLayer } from './catalogue';
import { createTileService } from './service';
import { loadTileFixture } from './tiles-fixture';

// Tile renders go through a per-process ceiling: a crowd of tiles no cache holds never takes
// more database connections than the ceiling, and every tile is still served.

describe(`tile renders under a ceiling (${databaseMode} mode)`, () => {
  let db: Database;
  let inFlight = 0;
  let most = 0;
  const started = () => {
    inFlight++;
    most = Math.max(most, inFlight);
  };
  const ended = () => {
    inFlight--;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadTileFixture(db.knex);
    db.knex.on('query', started);
    db.knex.on('query-response', ended);
    db.knex.on('query-error', ended);
  });
  afterAll(async () => {
    db?.knex.off('query', started);
    db?.knex.off('query-response', ended);
    db?.knex.off('query-error', ended);
    await db?.close();
  });

  // 12 distinct tiles of the fixture's area at zoom 12 (no cache, no store: each one renders).
  const tiles = Array.from({ length: 12 }, (_, i) => tileId(12, 2064 + (i % 4), 1440 + (i >> 2)));
  const communes = findLayer('communes')!;

  async function renderAll(rendersAtOnce: number) {
    const service = createTileService(db, { rendersAtOnce });
    most = 0;
    const answers = await Promise.all(
      tiles.map((t) => service.renderTile(communes, t, {}, PUBLIC_VIEWER)),
    );
    return { answers: answers.map((a) => a.etag), most };
  }

  it('with a ceiling of 2, 12 tiles asked at once are all served, never more than 2 statements at a time, the same bytes as without it', async () => {
    // Once without the ceiling first: the pool opens its connections.
    await renderAll(64);
    const limited = await renderAll(2);
    expect(limited.most).toBeLessThanOrEqual(2);
    const unlimited = await renderAll(64);
    expect(limited.answers).toEqual(unlimited.answers);
    // The pool runs several statements at once on a server: without the ceiling, more than 2.
    if (databaseMode === 'server') {
      expect(unlimited.most).toBeGreaterThan(2);
    }
  });
});
