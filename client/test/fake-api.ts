import { vi } from 'vitest';

/** One request the client made, as the fake API saw it. */
export interface SeenRequest {
  method: string;
  /** Path and query, as the client wrote them ("/api/territories?level=epci"). */
  url: string;
  params: URLSearchParams;
  body: unknown;
}

export interface FakeAnswer {
  status?: number;
  body: unknown;
}

/**
 * Replace `fetch` (the API client's boundary) by `answer`, and record every request. An answer
 * may be a promise (a slow server); a request aborted before its answer fails as fetch does.
 * Undo with `vi.unstubAllGlobals()`.
 */
export function fakeApi(answer: (r: SeenRequest) => FakeAnswer | Promise<FakeAnswer>) {
  const requests: SeenRequest[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://berceau.test');
    const seen: SeenRequest = {
      method: init.method ?? 'GET',
      url: `${url.pathname}${url.search}`,
      params: url.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(seen);
    const a = await answer(seen);
    if (init.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    return new Response(JSON.stringify(a.body), { status: a.status ?? 200 });
  });
  return {
    requests,
    /** The paths asked for, in order ("/api/health", "/api/territories?level=epci"). */
    urls: () => requests.map((r) => `${r.method === 'GET' ? '' : `${r.method} `}${r.url}`),
  };
}

/** The API's error shape. */
export function apiError(status: number, code: string, message: string): FakeAnswer {
  return { status, body: { error: { code, message } } };
}

/** Let pending fetches, promise callbacks and watchers run. */
export async function settle(rounds = 5) {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}

/** A promise resolved from outside (a server that answers when the test says so). */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
