// `npm run docs:generate`: rewrites the generated regions of docs/ (the kinds and configuration
// reference tables) from the catalogue and schema/config.ts, and the Helm chart's consumer values
// from consumers/registry.ts.
import { writeFileSync } from 'node:fs';
import { generatedPages, repositoryRoot } from './docs/generated-regions.ts';

for (const { page, onDisk, generated } of generatedPages()) {
  if (generated === onDisk) {
    console.log(`${page} is current`);
  } else {
    writeFileSync(`${repositoryRoot}${page}`, generated);
    console.log(`wrote ${page}`);
  }
}
