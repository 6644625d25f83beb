import crypto from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { importQuery, type ImportReport } from '../../../../contract';
import type { Database } from '../../db/database';
import { Conflict, InvalidInput } from '../../domain/errors';
import { parseRequest } from '../../http/validate';
import { requireUser } from '../../http/viewer';
import type { AbsentRows } from './plan';
import { runImport, type ImportOutcome } from './service';

/** The largest file an upload may send (a national grid or road extract fits; 413 beyond). */
export const UPLOAD_MAX_BYTES = 1024 * 1024 * 1024;
/** Where uploads arrive (their own, longer, limit on arriving: http/request-timeout.ts). */
export const UPLOAD_PATH = '/api/imports';
/** Problems listed in a refusal: the first ones (the file's report says how many in all). */
const PROBLEMS_LISTED = 500;

/**
 * POST /api/imports: an administrator's import over HTTP, the same runner, checks and report as
 * `berceau import`. The body is the file itself (application/octet-stream: XMLHttpRequest
 * reports its upload progress; no multipart parsing), streamed to a private temporary folder
 * with a size limit, imported, then deleted. A refused file answers 400 with every problem
 * (row, column, reason) and writes nothing; `dryRun=true` answers what the import would do, and
 * the confirming request may carry the dry run's checksum so that the file imported is the one
 * that was checked.
 */
export function importRoutes(db: Database): Router {
  const router = Router();

  router.post('/imports', async (req, res) => {
    requireUser(req, ['admin']);
    const q = parseRequest(req, 'query', importQuery);
    const declared = Number(req.get('content-length') ?? Number.NaN);
    if (declared > UPLOAD_MAX_BYTES) throw tooLarge();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-upload-'));
    try {
      await fs.chmod(dir, 0o700);
      const file = path.join(dir, q.fileName);
      const hash = crypto.createHash('sha256');
      let size = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > UPLOAD_MAX_BYTES) return done(tooLarge());
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(req, counted, createWriteStream(file, { mode: 0o600 }));
      if (size === 0 && q.kind !== 'reference') {
        throw new InvalidInput('The file is empty: send its bytes as the request body', {
          details: [{ field: 'body', message: 'is empty' }],
        });
      }
      if (q.checksum && q.checksum !== hash.digest('hex')) {
        throw new Conflict('This file is not the one checked by the dry run: check it again');
      }
      const outcome = await runImport(db, {
        kind: q.kind,
        file: q.kind === 'reference' ? null : file,
        noStatementTimeout: true,
        options: {
          dryRun: q.dryRun,
          replace: q.replace,
          skipInvalid: q.skipInvalid,
          year: q.year ?? null,
          departement: q.departement ?? null,
          source: q.source ?? null,
          licence: q.licence ?? null,
          vintage: q.vintage ?? null,
        },
      });
      if (outcome.status !== 'imported' && outcome.status !== 'dry-run') {
        throw refusal(outcome);
      }
      res.set('Cache-Control', 'no-store').json(toReport(outcome, q.fileName));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  return router;
}

function tooLarge() {
  return new InvalidInput(
    `The file is larger than ${UPLOAD_MAX_BYTES / 1024 / 1024} MB: import it with the command line`,
    { details: [{ field: 'body', message: 'is too large' }] },
  );
}

/**
 * A refused file as the one error shape: each problem is a detail whose field names where it
 * is (`file`, `file.row.12`, `file.row.12.places`), errors first.
 */
export function refusal(outcome: ImportOutcome): InvalidInput {
  const problems = [...outcome.problems].sort(
    (a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'),
  );
  return new InvalidInput(`The file was refused: ${outcome.errors} error(s); nothing was written`, {
    details: problems.slice(0, PROBLEMS_LISTED).map((p) => ({
      field: [
        'file',
        ...(p.row !== null ? [`row.${p.row}`] : []),
        ...(p.column ? [p.column] : []),
      ].join('.'),
      message: `${p.severity === 'error' ? '' : '(avertissement) '}${p.reason}${
        p.value !== null && p.value !== '' ? ` (valeur : ${p.value})` : ''
      }`,
    })),
  });
}

const absent = (a: AbsentRows | null) =>
  a && {
    what: a.what,
    rows: a.rows as Record<string, number>,
    sample: a.examples,
    notes: a.notes,
  };

export function toReport(o: ImportOutcome, fileName: string): ImportReport {
  return {
    kind: o.kind,
    fileName,
    status: o.status as 'imported' | 'dry-run',
    rowsRead: o.rowsRead,
    imported: o.imported,
    rejected: o.rejected,
    warnings: o.warnings,
    problems: o.problems,
    notes: o.notes,
    checksum: o.checksum,
    dataset: o.dataset && {
      key: o.dataset.key,
      name: o.dataset.name,
      source: o.dataset.source,
      vintage: o.dataset.vintage,
    },
    changes: Object.fromEntries(
      Object.entries(o.changes).filter((e): e is [string, NonNullable<(typeof e)[1]>] => !!e[1]),
    ),
    kept: absent(o.kept),
    removal: absent(o.removal),
  };
}
