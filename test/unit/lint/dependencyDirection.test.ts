import { expect } from 'chai';
import { ESLint } from 'eslint';

/** The lint rule that enforces machines ← actors ← src ← scripts (ARCHITECTURE §8) must actually fire. */
describe('dependency direction lint rule', function () {
  this.timeout(30_000);
  const eslint = new ESLint();
  const errorsFor = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  const cases: [string, string, boolean][] = [
    ['machines/batch/x.ts', "import { a } from '../../actors/actorRuntime.js';\nexport const b = a;\n", true],
    ['machines/batch/x.ts', "import { a } from '../../src/main.js';\nexport const b = a;\n", true],
    ['machines/batch/x.ts', "import knex from 'knex';\nexport const b = knex;\n", true],
    ['machines/batch/x.ts', "import { setup } from 'xstate';\nexport const b = setup;\n", false],
    ['actors/x.ts', "import { a } from '../src/main.js';\nexport const b = a;\n", true],
    ['actors/x.ts', "import { a } from '../machines/batch/index.js';\nexport const b = a;\n", false],
    ['src/x.ts', "import { a } from '../scripts/start.js';\nexport const b = a;\n", true],
    ['src/x.ts', "import { a } from '../test/fakes/x.js';\nexport const b = a;\n", true],
    ['src/matching/x.ts', "import { a } from '../db/knex.js';\nexport const b = a;\n", true],
    ['src/x.ts', "import { a } from '../actors/actorRuntime.js';\nexport const b = a;\n", false],
    ['src/batches/validation/x.ts', "import type { Knex } from 'knex';\nexport type B = Knex;\n", true],
    ['src/batches/x.ts', "import { queryPrepared } from '../db/prepared.js';\nexport const b = queryPrepared;\n", true],
    ['src/batches/x.ts', "import { a } from '../../test/fakes/x.js';\nexport const b = a;\n", true],
    ['src/batches/store/x.ts', "import type { Knex } from 'knex';\nexport type B = Knex;\n", false],
  ];
  for (const [file, code, forbidden] of cases) {
    it(`when ${file} imports ${code.split("'")[1]}, then the rule ${forbidden ? 'reports it' : 'allows it'}`, async () => {
      expect((await errorsFor(file, code)).length > 0).to.equal(forbidden);
    });
  }
});
