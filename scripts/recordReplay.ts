/**
 * npm run record:replay — runs the scenario flows on the whole product (embedded PostgreSQL, in-process
 * bus) and writes each batch's journal as test/fixtures/replay/<machine>-v<version>-<scenario>.json
 * (issue 14 §3). Fixtures of other versions are never touched: a version's histories are recorded while
 * it is the version new batches start on, and kept for as long as the version is registered.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { batchRegistry } from '../src/batches/index.js';
import { startInfra, stopInfra } from '../test/support/infra.js';
import { client, startProduct, type RunningProduct } from '../test/support/serviceHarness.js';
import { runMain } from './cli.js';
import { journalFixture } from './replay/journalFixture.js';
import { PRODUCT_ENV, SCENARIOS, type ProductKind } from './replay/scenarios.js';

const OUT_DIR = path.resolve(import.meta.dirname, '../test/fixtures/replay');
const only = process.argv.slice(2);

async function main(): Promise<void> {
  await startInfra();
  await mkdir(OUT_DIR, { recursive: true });
  const products = new Map<ProductKind, RunningProduct>();
  try {
    for (const scenario of SCENARIOS.filter((s) => only.length === 0 || only.includes(s.name))) {
      let product = products.get(scenario.product);
      if (!product) products.set(scenario.product, (product = await startProduct({ env: PRODUCT_ENV[scenario.product] })));
      const api = client(product.url, await product.tokenFor(`teacher-${scenario.name}`));
      const batchId = await scenario.run(api);
      const fixture = await journalFixture(product.service.knex, batchRegistry, scenario.name, batchId);
      const file = path.join(OUT_DIR, `${fixture.machineId}-v${fixture.machineVersion}-${scenario.name}.json`);
      await writeFile(file, JSON.stringify(fixture, null, 2) + '\n');
      console.log(`${path.relative(process.cwd(), file)}: ${fixture.steps.length} steps, ends ${fixture.steps.at(-1)?.state}`);
    }
  } finally {
    for (const product of products.values()) await product.stop();
    await stopInfra();
  }
}

runMain(main, { code: 1, label: 'recording the replay fixtures failed:' });
