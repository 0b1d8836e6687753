/**
 * Reads a zip's central directory (names and declared unpacked sizes) without inflating anything, so a .docx can
 * be checked for being a Word document, and for zip-bomb sizes, before mammoth unpacks it into memory.
 * Sizes are as declared: a lying archive can still understate them, which only bounds honest-but-huge files.
 */

export interface ZipEntry {
  name: string;
  uncompressedSize: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ENTRY_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

function findEndOfDirectory(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - EOCD_MIN - MAX_COMMENT);
  for (let at = bytes.length - EOCD_MIN; at >= stop; at--) {
    if (bytes.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

/** The entries, or null when there is no readable central directory (truncated or not a zip at all). */
export function readZipDirectory(bytes: Buffer): ZipEntry[] | null {
  if (bytes.length < EOCD_MIN) return null;
  const eocd = findEndOfDirectory(bytes);
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== ENTRY_SIGNATURE) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (next > bytes.length) return null;
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      // 0xFFFFFFFF means the real size is in a ZIP64 field: at least 4 GiB, which is all a limit needs to know.
      uncompressedSize: bytes.readUInt32LE(at + 24),
    });
    at = next;
  }
  return entries;
}
