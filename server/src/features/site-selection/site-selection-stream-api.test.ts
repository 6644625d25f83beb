import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SITE_SELECTION_PHASES,
  siteSelectionAnswer,
  siteSelectionStreamLine,
  type SiteSelectionStreamLine,
} from '../../../../contract';
import { expectContract } from '../../../test/contract';
import { createTestDatabase, startTestServer, type TestServer } from '../../../test/database';
import type { Database } from '../../db/database';
import { loadDemo } from '../demo/service';
import { OptimiserPool } from './optimiser-pool';

/**
 * POST /api/site-selection streamed (`Accept: application/x-ndjson`) on the demo, with the
 * optimiser in a worker thread as the server runs it: progress lines in the order of the run,
 * then the JSON answer's body; a failure after validation as the last line, in the error shape;
 * an invalid body still a 400 before any line; a client that hangs up ends the solve.
 */
describe('the optimiser streamed as NDJSON on the demo', () => {
  let db: Database;
  let server: TestServer;
  let pool: OptimiserPool;

  const select = (body: unknown, accept?: string, signal?: AbortSignal) =>
    fetch(`${server.baseUrl}/api/site-selection`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
      body: JSON.stringify(body),
      signal,
    });

  const lines = async (res: Response): Promise<SiteSelectionStreamLine[]> =>
    (await res.text())
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => expectContract(siteSelectionStreamLine, JSON.parse(l)));

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db, { seed: 42 });
    pool = new OptimiserPool({ threads: 1, queue: 2 });
    server = await startTestServer(db, undefined, null, { optimiser: pool });
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    await pool?.close();
    await db?.close();
  });

  it('streams the phases in order, then the same result as the JSON answer', async () => {
    const body = { model: 'mclp', p: 2, minutes: 15 };
    const res = await select(body, 'application/x-ndjson');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const all = await lines(res);
    const progress = all.slice(0, -1).map((l) => ('progress' in l ? l.progress : null));
    expect(progress).not.toContain(null);
    const phases = progress.map((p) => p!.phase);
    expect(phases[0]).toBe('reading');
    expect(phases).toContain('heuristic');
    expect(phases.at(-1)).toBe('done');
    // Phases only move forward, and the clock with them.
    const rank = phases.map((p) => SITE_SELECTION_PHASES.indexOf(p));
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
    const elapsed = progress.map((p) => p!.elapsed_ms);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));

    const last = all.at(-1)!;
    if (!('result' in last)) throw new Error(`last line: ${JSON.stringify(last)}`);
    const json = await select(body);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const answer = expectContract(siteSelectionAnswer, await json.json());
    expect(last.result).toEqual(answer);
    expect(answer.sites).toHaveLength(2);
    // The 'done' line holds the answer's objective, bound and gap.
    expect(progress.at(-1)).toMatchObject({
      objective: answer.objective,
      bound: answer.bound,
      gap: answer.gap,
    });
  }, 240_000);

  it('ends with an error line when the question fails after validation: more sites than candidates', async () => {
    const res = await select(
      { model: 'mclp', p: 2, minutes: 15, candidates: [{ lon: 2.4, lat: 47.1 }] },
      'application/x-ndjson',
    );
    expect(res.status).toBe(200);
    const all = await lines(res);
    expect('progress' in all[0] && all[0].progress.phase).toBe('reading');
    expect(all.at(-1)).toEqual({
      error: {
        code: 'bad_request',
        message: expect.stringContaining('p = 2 new sites asked for'),
        details: [{ field: 'body.p', message: expect.stringContaining('1 candidate') }],
      },
    });
    expect(all.slice(1, -1).every((l) => 'progress' in l)).toBe(true);
  }, 240_000);

  it('answers an invalid body with a 400 in JSON, before any line', async () => {
    const res = await select({ model: 'mclp', p: 0, minutes: 15 }, 'application/x-ndjson');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toMatchObject({
      error: { code: 'bad_request', details: [{ field: 'body.p' }] },
    });
  });

  it('ends the solve when the client cancels after the first lines', async () => {
    const cancelledBefore = pool.cancelled;
    const stop = new AbortController();
    const res = await select(
      { model: 'pmedian', p: 20, minutes: 30, method: 'exact' },
      'application/x-ndjson',
      stop.signal,
    );
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    // Wait for the optimiser's own phases: the task is in the pool by then.
    let text = '';
    while (!text.includes('"phase":"heuristic"')) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended first: ${text}`);
      text += value;
    }
    expect(pool.pending).toBe(1);
    stop.abort();
    await expect.poll(() => pool.pending, { timeout: 10_000 }).toBe(0);
    expect(pool.cancelled).toBe(cancelledBefore + 1);
  }, 240_000);
});
