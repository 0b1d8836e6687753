/**
 * Uploaded file names (issue 10 item 4). A name is shown to teachers, stored, logged and put into events, so
 * it must be text a person can read as it is: NFC, no control characters (NUL made PostgreSQL answer 500),
 * no bidi controls (which make "gpj.exe" read as "exe.jpg"), at most 255 characters. Such a name is refused
 * with a 400 naming the file by position and its (escaped) name, before its bytes are read.
 */
import { HttpError } from './problem.js';

export const MAX_UPLOAD_NAME_CHARS = 255;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// eslint-disable-next-line no-control-regex -- as above; one character class, linear
const UNSHOWABLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** The name with every control and bidi character written as \uXXXX, so the problem can quote it safely. */
export function visibleName(name: string): string {
  const shown = name.replace(UNSHOWABLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}

function codePoint(c: string): string {
  return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Null when the name is acceptable; otherwise the 400 to answer, naming the file. */
export function uploadNameProblem(raw: string, index: number): HttpError | null {
  const name = raw.normalize('NFC');
  const control = CONTROL.exec(name)?.[0];
  const bidi = BIDI.exec(name)?.[0];
  const length = [...name].length;
  const why =
    name.trim() === '' ? 'is empty'
    : control !== undefined ? `contains a control character (${codePoint(control)})`
    : bidi !== undefined ? `contains a bidirectional-text control (${codePoint(bidi)}) that can disguise its extension`
    : length > MAX_UPLOAD_NAME_CHARS ? `is ${length} characters long; at most ${MAX_UPLOAD_NAME_CHARS} are accepted`
    : null;
  if (why === null) return null;
  const field = `files[${index}].filename`;
  const message = `the name of file ${index + 1} ("${visibleName(name)}") ${why}; rename the file and upload it again`;
  return new HttpError(400, 'Bad Request', message, { errors: [{ field, message }] });
}
