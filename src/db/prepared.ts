import type { Knex } from 'knex';
import type pg from 'pg';
import type { Statement } from './actorStatements.js';

/**
 * Runs a named (server-side prepared) statement on a connection of knex's pool: parsed and planned once
 * per connection, for hot reads (issue 11 §3). knex itself sends every query unnamed.
 */
export async function queryPrepared<T>(knex: Knex, statement: Statement, values: unknown[]): Promise<T[]> {
  const connection = (await knex.client.acquireConnection()) as pg.ClientBase;
  try {
    return (await connection.query<T & pg.QueryResultRow>({ name: statement.name, text: statement.text, values })).rows;
  } finally {
    await knex.client.releaseConnection(connection);
  }
}
