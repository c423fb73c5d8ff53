// Writes each journey's state diagram, drawn from its step table, to docs/journeys/<kind>.md.
// `npm run diagrams`; a unit test fails when a checked-in file differs from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { journeys } from '../src/journeys/index.js';
import { diagramDocument } from '../src/journeys/engine/diagram.js';
import { lifecycleDocument } from '../src/sejam/lifecycle.js';

const dir = join(fileURLToPath(import.meta.url), '..', '..', 'docs', 'journeys');
mkdirSync(dir, { recursive: true });
for (const j of journeys) {
  writeFileSync(join(dir, `${j.kind}.md`), diagramDocument(j));
  console.log(`docs/journeys/${j.kind}.md`);
}
// a Sejam profile's own life (beyond any one journey's flow), drawn from its transition table
writeFileSync(join(dir, 'sejam-profile-lifecycle.md'), lifecycleDocument());
console.log('docs/journeys/sejam-profile-lifecycle.md');
