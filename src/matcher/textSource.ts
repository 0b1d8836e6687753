/**
 * The essay text port: the matcher reads each essay's extracted text by its `text_storage_id`
 * (= `essay_contents.id`, written by intake before the batch asks for matching).
 */
import type { Knex } from 'knex';
import { isUuid } from './rosterSource.js';

export interface EssayText {
  text: string;
  originalFilename: string;
}

export interface TextSource {
  /**
   * Texts of one batch by text_storage_id. An id that has no text is simply absent from the map (the
   * matcher reports that essay as `error`); a database failure throws, so the request is retried.
   */
  textsOf(batchId: string, textStorageIds: readonly string[]): Promise<Map<string, EssayText>>;
}

/** Reads `essay_contents`, scoped to the batch so a request can only ever see its own essays' texts. */
export function createKnexTextSource(knex: Knex): TextSource {
  return {
    async textsOf(batchId, textStorageIds) {
      const ids = [...new Set(textStorageIds.map((id) => id.toLowerCase()))].filter(isUuid);
      const texts = new Map<string, EssayText>();
      if (ids.length === 0 || !isUuid(batchId)) return texts;
      const rows = (await knex('essay_contents')
        .select('id', 'text', 'original_filename')
        .where('batch_id', batchId)
        .whereIn('id', ids)) as { id: string; text: string; original_filename: string }[];
      // PostgreSQL answers uuids in lower case; key the map by the ids exactly as the request spelled them.
      const byId = new Map(rows.map((row) => [row.id.toLowerCase(), row]));
      for (const id of textStorageIds) {
        const row = byId.get(id.toLowerCase());
        if (row) texts.set(id, { text: row.text, originalFilename: row.original_filename });
      }
      return texts;
    },
  };
}
