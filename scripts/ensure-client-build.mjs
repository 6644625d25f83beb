// `npm start` runs this first: build the dashboard when client/dist is missing or older than
// its sources, so a fresh clone starts with one command and later starts skip the build.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'client/dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = [
  path.join(root, 'client/src'),
  path.join(root, 'client/index.html'),
  path.join(root, 'vite.config.ts'),
].filter((p) => fs.existsSync(p));
if (sources.length === 0) process.exit(0);
const sourceTime = Math.max(
  ...sources.map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)),
);
if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sourceTime) process.exit(0);
console.log('Building the dashboard (client/dist)…');
execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
