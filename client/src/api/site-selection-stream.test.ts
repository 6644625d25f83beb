import { describe, expect, it } from 'vitest';
import { ApiError, streamSiteSelection, type Fetch } from './client';
import type { SiteSelectionProgress } from './types';

/** A fetch whose answer's body arrives in the chunks given (text cut anywhere). */
function streaming(status: number, chunks: string[], seen: RequestInit[] = []): Fetch {
  return (async (_url: string, init: RequestInit) => {
    seen.push(init);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
        controller.close();
      },
    });
    return new Response(body, { status });
  }) as unknown as Fetch;
}

const progress = (phase: SiteSelectionProgress['phase'], elapsed_ms: number) => ({
  phase,
  elapsed_ms,
  time_limit_ms: 20_000,
  objective: null,
  bound: null,
  gap: null,
});

describe('the optimiser streamed to the form', () => {
  it('asks for NDJSON, passes each progress line on, and gives the result line', async () => {
    const seen: RequestInit[] = [];
    const lines = [
      JSON.stringify({ progress: progress('reading', 0) }),
      JSON.stringify({ progress: progress('heuristic', 812) }),
      JSON.stringify({ result: { model: 'mclp', objective: 97 } }),
    ].join('\n');
    const got: string[] = [];
    const result = await streamSiteSelection(
      { model: 'mclp', p: 2, minutes: 15 },
      (p) => got.push(`${p.phase}@${p.elapsed_ms}`),
      undefined,
      streaming(200, [lines.slice(0, 30), lines.slice(30, 130), lines.slice(130)], seen),
    );
    expect(got).toEqual(['reading@0', 'heuristic@812']);
    expect(result).toEqual({ model: 'mclp', objective: 97 });
    expect(new Headers(seen[0].headers).get('accept')).toBe('application/x-ndjson');
  });

  it('rejects with the error line as an ApiError, with its code and details', async () => {
    const error = {
      code: 'bad_request',
      message: 'Invalid request: p = 2 new sites asked for, but there are only 1 candidate sites',
      details: [{ field: 'body.p', message: 'p = 2' }],
    };
    const run = streamSiteSelection(
      { model: 'mclp', p: 2, minutes: 15 },
      () => undefined,
      undefined,
      streaming(200, [
        `${JSON.stringify({ progress: progress('reading', 0) })}\n`,
        JSON.stringify({ error }),
      ]),
    );
    await expect(run).rejects.toBeInstanceOf(ApiError);
    await expect(run).rejects.toMatchObject({
      status: 400,
      code: 'bad_request',
      details: error.details,
    });
  });

  it('rejects a 400 before any line as the JSON error, and a stream cut short', async () => {
    await expect(
      streamSiteSelection(
        { model: 'mclp', p: 2, minutes: 15 },
        () => undefined,
        undefined,
        streaming(400, [JSON.stringify({ error: { code: 'bad_request', message: 'p' } })]),
      ),
    ).rejects.toMatchObject({ status: 400, code: 'bad_request' });
    await expect(
      streamSiteSelection(
        { model: 'mclp', p: 2, minutes: 15 },
        () => undefined,
        undefined,
        streaming(200, [JSON.stringify({ progress: progress('reading', 0) })]),
      ),
    ).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});
