import { decodeText } from '../intake/decodeText.js';
import { parse, type Options } from 'csv-parse';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { z } from 'zod';
import { badRequest } from '../http/problem.js';
import { emailAddress, plainText } from './common.schemas.js';

// Roster files as spreadsheet programs export them: comma, semicolon (Swedish Excel) or tab separated,
// quoted fields, UTF-8 with or without BOM (or Windows-1252 from older Excel), CRLF line ends, and
// English or Swedish header spellings. One bad row is reported, never fatal for the others.

export const MAX_ROSTER_ROWS = 10_000; // a whole school year fits; the 1 MB body limit allows about 20,000 rows

export interface RosterEntry {
  first_name: string;
  last_name: string;
  legal_full_name: string | null;
  email: string | null;
}

export type RosterRow =
  | { line: number; ok: true; entry: RosterEntry }
  | { line: number; ok: false; reason: string; raw: Partial<Record<keyof RosterEntry, string>> };

export interface ParsedRoster {
  rows: RosterRow[];
  ignoredColumns: string[];
}

type Field = keyof RosterEntry;

const HEADER_ALIASES: Record<Field, readonly string[]> = {
  first_name: ['firstname', 'first', 'givenname', 'givennames', 'forename', 'fornamn', 'tilltalsnamn'],
  last_name: ['lastname', 'last', 'surname', 'familyname', 'efternamn'],
  email: ['email', 'emailaddress', 'emailadress', 'mail', 'epost', 'epostadress', 'mejl', 'mejladress'],
  legal_full_name: ['legalfullname', 'fulllegalname', 'fullname', 'fullstandigtnamn', 'juridisktnamn'],
};

/** "E-post" → "epost", "Förnamn" → "fornamn", "First Name" → "firstname". */
export const normalizeHeader = (header: string) =>
  header.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * UTF-8 / UTF-16 by BOM, else UTF-8, else Windows-1252 (what older Excel writes). The intake decoder is
 * reused because Node 20's TextDecoder('windows-1252') decodes as Latin-1 (nodejs/node#56542).
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  return decodeText(Buffer.from(bytes)).text;
}

/** The separator that occurs most often outside quotes on the header line. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const headerLine = text.split('\n', 1)[0] ?? '';
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const counts = ([';', ',', '\t'] as const).map((d) => [d, unquoted.split(d).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}

/**
 * Async because a 1 MB file of 10,000 rows costs the parser and the row checks about a second on a busy
 * machine: the work is done in slices with a turn of the event loop between them, so /healthz, websockets
 * and other teachers' requests go on meanwhile (issue 10).
 */
export async function parseRosterCsv(text: string): Promise<ParsedRoster> {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const skipped: RosterRow[] = [];
  const records = await parseInSlices(normalized, {
    delimiter: detectDelimiter(normalized),
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      skipped.push({ line: lineOf(error), ok: false, reason: `unreadable CSV: ${error?.message ?? 'parse error'}`, raw: {} });
      return undefined;
    },
  });
  const [header, ...body] = records;
  if (!header) throw badRequest('the CSV file is empty: expected a header row with first_name, last_name and email');
  const columns = mapColumns(header.record);
  const data = body.filter((r) => r.record.some((cell) => cell.trim() !== ''));
  if (data.length > MAX_ROSTER_ROWS) throw badRequest(`the CSV file has ${data.length} rows; at most ${MAX_ROSTER_ROWS} are accepted`);
  const rows: RosterRow[] = [...skipped];
  for (let start = 0; start < data.length; start += ROWS_PER_SLICE) {
    if (start > 0) await nextTurn();
    rows.push(...data.slice(start, start + ROWS_PER_SLICE).map((r) => toRow(r.info.lines, r.record, columns, header.record.length)));
  }
  return { rows: rows.sort((a, b) => a.line - b.line), ignoredColumns: columns.ignored };
}

const CHARS_PER_SLICE = 16 * 1024;
const ROWS_PER_SLICE = 500;

type InfoRecord = { info: { lines: number }; record: string[] };

/** csv-parse's stream fed 16 KB at a time, yielding between slices. */
async function parseInSlices(text: string, options: Options): Promise<InfoRecord[]> {
  const parser = parse(options);
  const records: InfoRecord[] = [];
  parser.on('readable', () => {
    for (let record = parser.read() as InfoRecord | null; record !== null; record = parser.read() as InfoRecord | null) records.push(record);
  });
  const finished = new Promise<void>((resolve, reject) => {
    parser.once('end', resolve);
    parser.once('error', reject);
  });
  for (let start = 0; start < text.length; start += CHARS_PER_SLICE) {
    parser.write(text.slice(start, start + CHARS_PER_SLICE));
    await nextTurn();
  }
  parser.end();
  await finished;
  return records;
}

const lineOf = (error: unknown) => {
  const lines = (error as { lines?: unknown } | undefined)?.lines;
  return typeof lines === 'number' ? lines : 0;
};

interface ColumnMap {
  index: Partial<Record<Field, number>>;
  ignored: string[];
}

function mapColumns(header: string[]): ColumnMap {
  const index: Partial<Record<Field, number>> = {};
  const ignored: string[] = [];
  header.forEach((name, i) => {
    const key = normalizeHeader(name);
    const field = (Object.keys(HEADER_ALIASES) as Field[]).find((f) => HEADER_ALIASES[f].includes(key));
    if (field && index[field] === undefined) index[field] = i;
    else if (name.trim() !== '') ignored.push(name.trim());
  });
  const missing = (['first_name', 'last_name'] as const).filter((f) => index[f] === undefined);
  if (missing.length > 0) {
    throw badRequest(
      `the CSV header must name the columns ${missing.join(' and ')} (e.g. first_name/förnamn, last_name/efternamn, email/e-post); found: ${header.join(', ')}`,
      missing.map((f) => ({ field: `body.header.${f}`, message: 'column not found' })),
    );
  }
  return { index, ignored };
}

const rowSchema = z.object({
  first_name: z.string('is missing').pipe(plainText(255)),
  last_name: z.string('is missing').pipe(plainText(255)),
  legal_full_name: plainText(512).nullable(),
  email: emailAddress.nullable(),
});

function toRow(line: number, cells: string[], columns: ColumnMap, headerWidth: number): RosterRow {
  const cell = (f: Field) => {
    const i = columns.index[f];
    const value = i === undefined ? '' : (cells[i] ?? '').trim();
    return value === '' ? null : value;
  };
  const raw = { first_name: cell('first_name'), last_name: cell('last_name'), email: cell('email'), legal_full_name: cell('legal_full_name') };
  const rawText = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null)) as Partial<Record<Field, string>>;
  const extra = cells.slice(headerWidth).filter((c) => c.trim() !== '');
  if (extra.length > 0) {
    return { line, ok: false, reason: `the row has ${cells.length} fields but the header ${headerWidth}: quote names that contain the separator`, raw: rawText };
  }
  const parsed = rowSchema.safeParse(raw);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { line, ok: false, reason, raw: rawText };
  }
  return { line, ok: true, entry: parsed.data };
}
