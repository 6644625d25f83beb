// Reads vitest JSON reports and prints one closing line: "N passed, N failed[, N skipped]".
// A missing or unreadable report counts as a failure, so a crashed run can never look green.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  try {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    // Suites that failed to load (syntax error, failing hook) have no tests but must fail the run.
    failed += report.testResults.filter(
      (r) => r.status === 'failed' && r.assertionResults.length === 0,
    ).length;
    console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  } catch (error) {
    console.log(`${file}: no report (${error.message})`);
    failed += 1;
  }
}
console.log(`${skipped} skipped`);
// The closing line CI counts: exactly "N passed, N failed".
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
