import fs from 'node:fs';
import path from 'node:path';
import { Router, type Request } from 'express';
import type { Database } from '../../../db/database';
import { InvalidInput, Unavailable } from '../../../domain/errors';
import { parseRequest } from '../../../http/validate';
import { viewerOf } from '../../../http/viewer';
import { reportQuery } from '../../../../../contract';
import { customTerritoryDetail, parseCommuneCodes } from '../custom-territory';
import { territoryDetail } from '../territories';
import { chromiumPath } from './chromium';
import { renderReportPdf } from './pdf';
import { fetchComparison, fetchReportTables, reportCsv, type ReportTarget } from './tables';

export interface ReportRouteOptions {
  /** The built dashboard the PDF is printed from. */
  clientDir: string;
  /** `BERCEAU_CHROMIUM`; null or absent: /usr/bin/chromium. */
  chromiumPath?: string | null;
}

/** Either `level` and `code`, or `codes` (a custom set): a 400 naming the field otherwise. */
function checkTarget(q: { level?: string; code?: string; codes?: string }) {
  const problem =
    q.codes !== undefined && (q.level !== undefined || q.code !== undefined)
      ? { field: 'query.codes', message: 'give either codes or level and code, not both' }
      : q.codes === undefined && (q.level === undefined || q.code === undefined)
        ? {
            field: q.level === undefined ? 'query.level' : 'query.code',
            message: 'required (or codes: a custom set of communes)',
          }
        : null;
  if (problem)
    throw new InvalidInput(`Invalid request: ${problem.field}: ${problem.message}`, {
      details: [problem],
    });
}

/** GET /api/report.pdf, GET /api/report.csv. See docs/report.md. */
export function reportRoutes(db: Database, options: ReportRouteOptions): Router {
  const router = Router();

  router.get('/report.pdf', async (req, res) => {
    const q = parseRequest(req, 'query', reportQuery);
    checkTarget(q);
    // An unknown territory or year is a 404 before any browser starts.
    const detail = q.codes
      ? await customTerritoryDetail(db.knex, q.codes, q.year, 'national', viewerOf(req))
      : await territoryDetail(db.knex, q.level!, q.code!, q.year, 'national', viewerOf(req));
    const executable = chromiumPath(options.chromiumPath);
    if (!fs.existsSync(path.join(options.clientDir, 'index.html')))
      throw new Unavailable(
        'PDF indisponible : le tableau de bord n’est pas construit (npm run build). PDF unavailable: the dashboard is not built.',
        { code: 'pdf_unavailable' },
      );
    const year = detail.territory.year;
    const page = new URLSearchParams(
      q.codes ? { codes: q.codes } : { level: q.level!, code: q.code! },
    );
    page.set('year', String(year));
    if (q.compare_year) page.set('compare_year', String(q.compare_year));
    if (q.compare_level) page.set('compare_level', q.compare_level);
    if (q.compare_code) page.set('compare_code', q.compare_code);
    const pdf = await renderReportPdf(executable, `${ownOrigin(req)}/rapport?${page}`);
    res
      .type('application/pdf')
      .attachment(`rapport-${fileStem(q)}-${year}.pdf`)
      .send(pdf);
  });

  router.get('/report.csv', async (req, res) => {
    const q = parseRequest(req, 'query', reportQuery);
    checkTarget(q);
    const target: ReportTarget = q.codes ? { codes: q.codes } : { level: q.level!, code: q.code! };
    const tables = await fetchReportTables(db.knex, target, q.year, viewerOf(req));
    const compare = { year: q.compare_year, level: q.compare_level, code: q.compare_code };
    if (Object.values(compare).some((v) => v !== undefined))
      tables.comparison = await fetchComparison(
        db.knex,
        target,
        tables.detail,
        compare,
        viewerOf(req),
      );
    res
      .type('text/csv; charset=utf-8')
      .attachment(`rapport-${fileStem(q)}-${tables.detail.territory.year}.csv`)
      .send(reportCsv(tables));
  });

  return router;
}

/**
 * This server as reached on the connection's own address: the browser that prints the report
 * never follows a Host header a client could have written.
 */
function ownOrigin(req: Request): string {
  let address = req.socket.localAddress ?? '127.0.0.1';
  if (address.startsWith('::ffff:')) address = address.slice(7);
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${req.socket.localPort}`;
}

/** `epci-000001001`, or for a custom set `communes-93001-93027-…` (the first few codes). */
function fileStem(q: { level?: string; code?: string; codes?: string }): string {
  if (!q.codes) return `${q.level}-${q.code}`;
  const codes = parseCommuneCodes(q.codes);
  return `communes-${codes.slice(0, 4).join('-')}${codes.length > 4 ? '-etc' : ''}`;
}
