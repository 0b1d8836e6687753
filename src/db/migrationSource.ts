import type { Knex } from 'knex';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface MigrationFile {
  /** The name recorded in knex_migrations: always `<stem>.ts`. */
  name: string;
  file: string;
}

/**
 * Migrations from `directory`, loaded as `.ts` in a checkout (tsx) and as `.js` from the compiled `dist/`
 * (issue 15). knex records a migration by its file name; every deployment so far ran the `.ts` files, so a
 * migration keeps its `.ts` name whatever file it is loaded from — otherwise the compiled service would find
 * "missing" migrations in an existing database and refuse to start.
 */
export function fileMigrationSource(directory: string, extension: '.ts' | '.js'): Knex.MigrationSource<MigrationFile> {
  return {
    async getMigrations() {
      const files = (await readdir(directory)).filter((f) => f.endsWith(extension) && !f.endsWith('.d.ts')).sort();
      return files.map((f) => ({ name: `${path.basename(f, extension)}.ts`, file: path.join(directory, f) }));
    },
    getMigrationName: (migration) => migration.name,
    getMigration: (migration) => import(pathToFileURL(migration.file).href) as Promise<Knex.Migration>,
  };
}

/** `.js` when this module itself runs compiled, `.ts` under tsx. */
export const ownExtension = (moduleUrl: string): '.ts' | '.js' => (moduleUrl.endsWith('.js') ? '.js' : '.ts');
