import type { DatasetList, DatasetRemoval, ImportReport } from '../../../contract';
import { ApiError, apiUrl, csrfHeader, getJson, sendJson, type Fetch } from './client';

/** Imports and datasets for admins (contract/imports.ts). */

export type { DatasetList, DatasetRemoval, ImportReport };

export interface ImportChoice {
  kind: string;
  dryRun: boolean;
  replace: boolean;
  skipInvalid: boolean;
  /** The dry run's checksum, so that the file confirmed is the one checked. */
  checksum?: string | null;
}

/**
 * Send `file` as the body of POST /api/imports with XMLHttpRequest, whose upload events give
 * the progress (fetch gives none): `onProgress(sent, total)`.
 */
export function uploadImport(
  file: Blob & { name: string },
  choice: ImportChoice,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  const url = apiUrl('/imports', {
    kind: choice.kind,
    fileName: file.name,
    dryRun: String(choice.dryRun),
    replace: String(choice.replace),
    skipInvalid: String(choice.skipInvalid),
    checksum: choice.checksum ?? undefined,
  });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeader())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () =>
      reject(new ApiError(0, 'network_error', 'Le serveur Berceau ne répond pas.', url));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's page): the generic message below.
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as ImportReport);
      const error = (body as { error?: { code: string; message: string; details?: unknown } })
        ?.error;
      reject(
        new ApiError(
          xhr.status,
          error?.code ?? 'http_error',
          error?.message ?? `Erreur ${xhr.status} du serveur`,
          url,
          error?.details,
        ),
      );
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

export const fetchDatasets = (f?: Fetch) =>
  getJson<DatasetList>('/datasets', {}, undefined, f).then((a) => a.datasets);
export const removeDataset = (key: string, dryRun: boolean, f?: Fetch) =>
  sendJson<DatasetRemoval>(
    'DELETE',
    `/datasets/${encodeURIComponent(key)}${dryRun ? '?dryRun=true' : ''}`,
    undefined,
    undefined,
    f,
  );

/** A refusal's problem as the dashboard shows it: row, column, message (contract/imports.ts). */
export function problemOf(detail: { field: string; message: string }) {
  const m = /^file(?:\.row\.(\d+))?(?:\.(.+))?$/.exec(detail.field);
  return {
    row: m?.[1] ? Number(m[1]) : null,
    column: m?.[2] ?? null,
    message: detail.message,
  };
}
