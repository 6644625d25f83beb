/**
 * A text cell of an exported CSV that a spreadsheet would run as a formula: one starting with
 * `=`, `+`, `-` or `@` (or a tab or carriage return, which some spreadsheets skip before looking)
 * gets a leading apostrophe, which they show as text. A commune or a crèche named
 * `=HYPERLINK(…)` is then read, not followed. Numbers are never passed here: a negative number
 * stays a number.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
