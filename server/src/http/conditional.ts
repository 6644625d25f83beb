import { createHash, randomUUID } from 'node:crypto';

/**
 * This process's identity in validators: an ETag derived from the data version alone would
 * survive a server upgrade that changes the bytes served for the same data. Tags made before a
 * restart simply stop matching (one full download per client after an upgrade or a restart).
 */
const PROCESS_ID = randomUUID();

/**
 * A strong ETag for a response that is a pure function of the loaded data and the request:
 * the data version (sql/queries/data_versions.sql), what the request asked, and this process.
 * Lets a large answer be streamed (no hash of its bytes to wait for) and revalidated without
 * being computed again. Read the data version *before* the data: a tag can then be older than
 * the body it labels (the client re-downloads once), never newer (a stale body kept forever).
 */
export function dataVersionEtag(dataVersion: string, request: unknown): string {
  const hash = createHash('sha1')
    .update(PROCESS_ID)
    .update('\0')
    .update(dataVersion)
    .update('\0')
    .update(JSON.stringify(request))
    .digest('base64url');
  return `"${hash}"`;
}

/**
 * If-None-Match as an origin server evaluates it (RFC 9110 §13.1.2: weak comparison, `*`, a
 * list). Express's `req.fresh` is not used: it ignores the header when the request also says
 * `Cache-Control: no-cache`, which `fetch()` adds to every request carrying If-None-Match.
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
