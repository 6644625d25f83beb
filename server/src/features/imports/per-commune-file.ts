/**
 * What the summary says of a national file of figures per commune (population, births) read
 * for the loaded communes only.
 */
export function perCommuneFileNotes(
  parsed: { skippedNotLoaded: number; rowsRead: number; log: { errorCount: number } },
  rowsKept: number,
): string[] {
  const notes: string[] = [];
  if (parsed.skippedNotLoaded > 0)
    notes.push(
      `${parsed.skippedNotLoaded} row(s) of communes that are not loaded skipped (national file)`,
    );
  if (parsed.rowsRead > 0 && rowsKept === 0 && parsed.log.errorCount === 0)
    notes.push(
      'no row matches a loaded commune: import the boundaries or the reference of your territory first',
    );
  return notes;
}
