/**
 * `npm run berceau -- import <kind> <file> [options]`: argument parsing, progress line, summary,
 * confirmation of a removal and rejected-rows CSV. Exit codes: 0 imported (or dry run clean), 1
 * nothing imported (invalid file, or the removal declined; report printed), 2 usage error.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/database';
import { CANONICAL_FIELDS } from '../../domain/imports/supply-schema';
import {
  IMPORT_KINDS,
  isNothing,
  type AbsentRows,
  type ImportKind,
  type ImportOptions,
} from './plan';
import { runImport, type ImportOutcome } from './service';

export const IMPORT_USAGE = `  import <kind> <file> [options]
                 import a territory's data (one transaction; nothing is written if the file is invalid)
                 kinds: boundaries (GeoJSON, shapefile in .zip/.7z, GeoPackage), reference (no file), population,
                        births (INSEE état civil, NAISD{yy} columns), caf-coverage, eaje, childminders, mams (CSV or GeoJSON), roads (.osm.pbf or .osm),
                        grid (INSEE Filosofi 200 m cells, CSV or GeoPackage)
                 an import adds and updates what its file lists; what it does not list is kept
                 --replace            also remove what the file is about but does not list (shown first)
                 --yes                confirm --replace without asking (required when not in a terminal)
                 --dry-run            validate and report only (with --replace: what would be removed)
                 --skip-invalid       import the valid rows; rejected ones go to a CSV with their reasons
                 --rejected-out FILE  where to write the rejected rows (default <file>.rejets.csv)
                 --year YYYY          census year (population), year of a Caf file, year of populations
                                      in boundaries, Filosofi year of a grid
                 --departement CODE   reference: the département to load (default: all of France)
                 --mapping FILE       JSON { "column in file": "canonical field" } for supply lists
                 --assume-active      childminders: a list without an activity column (or empty cells) counts
                                      every listed childminder as active (recorded in the source);
                                      without it such a file is refused and such a row rejected
                 --am-share X         childminders: share (0 to 1] of their places counted for under-3s in the
                                      list's départements (default 0.81, CNAF 2018); --source names its origin
                 --source TEXT, --licence TEXT, --vintage TEXT   provenance recorded with the data
                 (see docs/data.md)`;

export class ImportUsageError extends Error {}

/** `--am-share`: a share of places, above 0 and at most 1 (decimal point or comma). */
function amShare(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const x = Number(raw.replace(',', '.'));
  if (!Number.isFinite(x) || x <= 0 || x > 1)
    throw new ImportUsageError(`--am-share must be a number above 0 and at most 1 (got "${raw}")`);
  return x;
}

export interface ImportCommand {
  kind: ImportKind;
  file: string | null;
  options: ImportOptions;
  rejectedOut: string | null;
  /** --yes: a removal asked by --replace goes ahead without a question. */
  yes: boolean;
}

/**
 * Parse `import <kind> <file> [options]` (argv after the word `import`). `interactive`: a
 * terminal can answer the question --replace asks; elsewhere --replace needs --yes.
 */
export async function parseImportArgs(
  argv: string[],
  interactive = Boolean(process.stdin.isTTY),
): Promise<ImportCommand> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean' },
        replace: { type: 'boolean' },
        yes: { type: 'boolean', short: 'y' },
        'skip-invalid': { type: 'boolean' },
        'rejected-out': { type: 'string' },
        year: { type: 'string' },
        departement: { type: 'string' },
        mapping: { type: 'string' },
        source: { type: 'string' },
        licence: { type: 'string' },
        vintage: { type: 'string' },
        'assume-active': { type: 'boolean' },
        'am-share': { type: 'string' },
      },
    });
  } catch (error) {
    throw new ImportUsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  const kind = positionals[0] as ImportKind | undefined;
  if (!kind || !IMPORT_KINDS.includes(kind))
    throw new ImportUsageError(
      `import: unknown kind "${kind ?? ''}" (one of ${IMPORT_KINDS.join(', ')})`,
    );
  const file = positionals[1] ?? null;
  if (kind === 'reference') {
    if (file)
      throw new ImportUsageError(
        'import reference takes no file (the data comes with @etalab/decoupage-administratif)',
      );
  } else if (!file) throw new ImportUsageError(`import ${kind}: give the file to import`);
  if (positionals.length > 2)
    throw new ImportUsageError(`import: unexpected argument "${positionals[2]}"`);
  if (file) {
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      throw new ImportUsageError(`import ${kind}: no such file ${file}`);
    }
    if (!stat.isFile())
      throw new ImportUsageError(
        `import ${kind}: ${file} is ${stat.isDirectory() ? 'a directory' : 'not a regular file'}: give the file to import`,
      );
  }
  let year: number | null = null;
  if (values.year !== undefined) {
    year = Number(values.year);
    if (!/^\d{4}$/.test(values.year) || year < 1960 || year > 2100)
      throw new ImportUsageError(`--year must be a year such as 2021 (got "${values.year}")`);
  }
  if (values.departement !== undefined && !/^[0-9][0-9AB][0-9]?$/i.test(values.departement))
    throw new ImportUsageError(
      `--departement must be a département code such as 18, 2A or 974 (got "${values.departement}")`,
    );
  let mapping: Record<string, string> | null = null;
  if (values.mapping !== undefined) {
    if (!['eaje', 'childminders', 'mams'].includes(kind))
      throw new ImportUsageError('--mapping applies to eaje, childminders and mams');
    try {
      mapping = JSON.parse(await fs.readFile(values.mapping, 'utf8'));
    } catch (error) {
      throw new ImportUsageError(`--mapping ${values.mapping}: ${(error as Error).message}`);
    }
    const fields = CANONICAL_FIELDS[kind as 'eaje' | 'childminders' | 'mams'];
    if (
      !mapping ||
      typeof mapping !== 'object' ||
      Array.isArray(mapping) ||
      Object.values(mapping).some((v) => typeof v !== 'string')
    )
      throw new ImportUsageError(
        `--mapping must be a JSON object { "column in file": "field" } with fields among ${fields.join(', ')}`,
      );
  }
  if (values.yes && !values.replace)
    throw new ImportUsageError('--yes confirms --replace: give both, or neither');
  if (values.replace && !values.yes && !values['dry-run'] && !interactive)
    throw new ImportUsageError(
      '--replace removes data and this is not a terminal that can confirm it: add --yes (see first what would be removed with --dry-run --replace)',
    );
  return {
    kind,
    file,
    yes: Boolean(values.yes),
    options: {
      dryRun: Boolean(values['dry-run']),
      replace: Boolean(values.replace),
      skipInvalid: Boolean(values['skip-invalid']),
      year,
      departement: values.departement?.toUpperCase() ?? null,
      mapping,
      source: values.source ?? null,
      licence: values.licence ?? null,
      vintage: values.vintage ?? null,
      assumeActive: Boolean(values['assume-active']),
      amUnder3Share: amShare(values['am-share']),
    },
    rejectedOut: values['rejected-out'] ?? null,
  };
}

/** A one-line progress indicator on stderr, only when stderr is a terminal. */
export function progressLine(stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  const update = (phase: string, done: number, total: number) => {
    if (!stream.isTTY) return;
    const now = Date.now();
    if (now - last < 100 && done < total) return;
    last = now;
    const width = 30;
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const bar = '█'.repeat(Math.round(ratio * width)).padEnd(width, '░');
    stream.write(
      `\r${phase.padEnd(22)} ${bar} ${Math.round(ratio * 100)
        .toString()
        .padStart(3)}% `,
    );
  };
  const clear = () => {
    if (stream.isTTY) stream.write('\r\x1b[2K');
  };
  return { update, clear };
}

const MAX_PROBLEMS_SHOWN = 40;

/** The human summary printed after an import. */
export function formatOutcome(o: ImportOutcome): string {
  const lines: string[] = [];
  const title = {
    imported: 'Imported',
    'dry-run': 'Dry run (nothing written)',
    invalid: 'NOT imported: the file is invalid',
    cancelled: 'Cancelled: nothing written (the removal was not confirmed)',
  }[o.status];
  lines.push(`${title} — ${o.kind}${o.file ? ` ${path.basename(o.file)}` : ''}`);
  for (const [k, v] of Object.entries(o.detected)) lines.push(`  ${k}: ${v}`);
  lines.push(
    `  rows read: ${o.rowsRead}   imported: ${o.imported}   rejected: ${o.rejected}   errors: ${o.errors}   warnings: ${o.warnings}`,
  );
  for (const n of o.notes) lines.push(`  note: ${n}`);
  const changes = Object.entries(o.changes);
  if (changes.length > 0 || o.status === 'imported' || o.status === 'dry-run') {
    lines.push(
      changes.length === 0
        ? `  changes: none (every row ${o.status === 'dry-run' ? 'would stay' : 'stays'} as it was)`
        : `  changes${o.status === 'dry-run' ? ' it would make' : ''} (added / updated / removed):`,
    );
    const width = Math.max(...changes.map(([t]) => t.length));
    for (const [table, c] of changes)
      lines.push(`    ${table.padEnd(width)}  ${c!.added} / ${c!.updated} / ${c!.removed}`);
  }
  if (o.kept)
    lines.push(
      `  kept, not in this file (--replace removes them): ${describeAbsent(o.kept)}`,
      ...o.kept.notes.map((n) => `    ${n}`),
    );
  if (o.removal && !isNothing(o.removal))
    lines.push(
      `  ${o.status === 'imported' ? 'removed' : 'would remove'} (--replace): ${describeAbsent(o.removal)}`,
      ...o.removal.notes.map((n) => `    ${n}`),
    );
  else if (o.removal && o.status !== 'invalid')
    lines.push('  --replace: nothing to remove (the file lists everything it is about)');
  if (Object.keys(o.counts).length)
    lines.push(
      `  written: ${Object.entries(o.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  if (o.dataset)
    lines.push(
      `  provenance: ${o.dataset.key} — ${o.dataset.source}; ${o.dataset.licence}; vintage ${o.dataset.vintage}${o.checksum ? `; sha256 ${o.checksum.slice(0, 16)}…` : ''}`,
    );
  if (o.problems.length) {
    lines.push('  problems:');
    const sorted = [...o.problems].sort((a, b) =>
      a.severity === b.severity ? (a.row ?? 0) - (b.row ?? 0) : a.severity === 'error' ? -1 : 1,
    );
    for (const p of sorted.slice(0, MAX_PROBLEMS_SHOWN)) {
      const where = [
        p.row !== null ? `row ${p.row}` : 'file',
        p.column ? `column ${p.column}` : null,
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(
        `    ${p.severity === 'error' ? 'ERROR  ' : 'warning'} ${where}${p.value !== null ? ` value "${p.value}"` : ''}: ${p.reason}`,
      );
    }
    if (sorted.length > MAX_PROBLEMS_SHOWN) {
      const rest = sorted.slice(MAX_PROBLEMS_SHOWN);
      const byReason = new Map<string, number>();
      for (const p of rest) {
        const key = `${p.severity}: ${p.reason.replace(/\d+/g, 'N')}`;
        byReason.set(key, (byReason.get(key) ?? 0) + 1);
      }
      lines.push(`    … and ${rest.length} more:`);
      for (const [k, n] of [...byReason].sort((a, b) => b[1] - a[1]).slice(0, 10))
        lines.push(`      ${n} × ${k}`);
    }
  }
  if (o.status === 'invalid')
    lines.push(
      o.rejected < o.rowsRead
        ? '  Nothing was written. Fix the rows above, or import the valid ones with --skip-invalid (the rejected rows go to a CSV with their reasons).'
        : '  Nothing was written: the file cannot be read as this kind (see above and docs/data.md).',
    );
  lines.push(`  (${(o.durationMs / 1000).toFixed(1)} s)`);
  return lines.join('\n');
}

/** "communes of département 18 that the file does not list: commune 285, population 570 — 18004 Allogny, …" */
export function describeAbsent(a: AbsentRows): string {
  const rows = Object.entries(a.rows)
    .filter(([, n]) => n)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  const more = a.keys.length > a.examples.length ? ', …' : '';
  return `${a.what}: ${rows}${a.examples.length ? ` — ${a.examples.join(', ')}${more}` : ''}`;
}

/** Ask on the terminal whether the removal shown may go ahead (y/N). */
export async function askOnTerminal(removal: AbsentRows): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    process.stderr.write(`--replace will remove ${describeAbsent(removal)}\n`);
    for (const n of removal.notes) process.stderr.write(`  ${n}\n`);
    const answer = await rl.question('Remove them? [y/N] ');
    return /^(y|yes|o|oui)$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** The rejected rows as a CSV French Excel opens: BOM, `;`, original columns, line and reasons. */
export function rejectedCsv(o: ImportOutcome): string {
  const columns = ['ligne', ...o.columns, 'raisons'];
  return stringify(
    o.rejectedRecords.map((r) => [
      String(r.row),
      ...o.columns.map((c) => r.values[c] ?? ''),
      r.reasons,
    ]),
    { header: true, columns, delimiter: ';', record_delimiter: 'windows', bom: true },
  );
}

/** Run a parsed `import …` on an open database; returns the exit code. */
export async function importCommand(
  db: Database,
  command: ImportCommand,
  out: (s: string) => void = console.log,
  ask: (removal: AbsentRows) => Promise<boolean> = askOnTerminal,
): Promise<number> {
  const progress = progressLine();
  let outcome: ImportOutcome;
  try {
    outcome = await runImport(db, {
      kind: command.kind,
      file: command.file,
      options: command.options,
      progress: progress.update,
      confirm: command.yes
        ? undefined
        : async (removal) => {
            progress.clear();
            return ask(removal);
          },
    });
  } finally {
    progress.clear();
  }
  out(formatOutcome(outcome));
  const wantRejected =
    command.rejectedOut !== null ||
    (command.options.skipInvalid && outcome.rejectedRecords.length > 0);
  if (wantRejected && command.file && outcome.rejectedRecords.length > 0) {
    const target = command.rejectedOut ?? `${command.file}.rejets.csv`;
    await fs.writeFile(target, rejectedCsv(outcome));
    out(`  rejected rows written to ${target}`);
  }
  return outcome.status === 'invalid' || outcome.status === 'cancelled' ? 1 : 0;
}
