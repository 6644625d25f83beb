/** A client that goes away while its CPU-heavy task is in a worker pool (the pools' tests). */
import http from 'node:http';
import { expect } from 'vitest';

/**
 * POSTs `body` to `path`, hangs up once the task is in `pool` (its thread starting), and checks
 * the pool ended it: nothing left pending, one task counted as cancelled.
 */
export async function postThenHangUp(
  origin: string,
  path: string,
  body: unknown,
  pool: { readonly pending: number; readonly cancelled: number },
): Promise<void> {
  const base = new URL(origin);
  const text = JSON.stringify(body);
  const req = http.request({
    host: base.hostname,
    port: base.port,
    path,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
  });
  req.on('error', () => undefined);
  req.end(text);
  await expect.poll(() => pool.pending, { timeout: 60_000, interval: 5 }).toBe(1);
  req.destroy();
  await expect.poll(() => pool.pending, { timeout: 10_000 }).toBe(0);
  expect(pool.cancelled).toBe(1);
}
