#!/usr/bin/env node
// Runs the test suites with Node's own test runner (tsx loads TypeScript).
// Usage: node scripts/run-tests.mjs [unit|integration|browser ...] [-- extra node --test args]
// Node 20 has no glob support in `node --test`, so the files are listed here.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const allSuites = ['unit', 'integration', 'browser'];
const args = process.argv.slice(2);
const dash = args.indexOf('--');
const named = (dash === -1 ? args : args.slice(0, dash)).filter(Boolean);
const extra = dash === -1 ? [] : args.slice(dash + 1);
const suites = named.length ? named : allSuites;

function walk(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(walk(full));
    else if (/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

const filesOf = (s) => {
  if (!allSuites.includes(s)) {
    console.error(`unknown suite "${s}" (use ${allSuites.join(', ')})`);
    process.exit(2);
  }
  // a journey's own tests live in its folder (src/journeys/<journey>/) and run with the integration suite
  const own = s === 'integration' ? walk(join(root, 'src', 'journeys')) : [];
  return [...walk(join(root, 'test', s)), ...own].sort();
};
// unit and integration files run two at a time (each file is its own process with its own
// database); browser files one at a time, each drives a Chromium of its own
const groups = [
  { files: suites.filter((s) => s !== 'browser').flatMap(filesOf), concurrency: 2 },
  { files: suites.includes('browser') ? filesOf('browser') : [], concurrency: 1 },
].filter((g) => g.files.length);
if (groups.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
let status = 0;
for (const g of groups) {
  console.log(
    `running ${g.files.length} test files (${suites.join(', ')}) on Node ${process.version}, ${g.concurrency} at a time`,
  );
  const res = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${g.concurrency}`,
      ...extra,
      ...g.files.map((f) => relative(root, f)),
    ],
    { stdio: 'inherit', cwd: root, env: process.env },
  );
  if ((res.status ?? 1) !== 0) status = res.status ?? 1;
}
process.exit(status);
