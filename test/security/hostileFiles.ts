/**
 * The hostile corpus of issue 10, in one module so the attack suite (test/security) and `npm run attack`
 * (scripts/) send the same files: .docx bombs, a PDF flate bomb, one-line essays, and hand-built multipart
 * bodies with names fetch's FormData would never produce.
 */
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';

export interface ZipEntryInput {
  name: string;
  data: Buffer;
  /** Written as the entry's uncompressed size instead of the truth (a lying archive). */
  declaredSize?: number;
}

/** A deflated zip (one disk, no ZIP64). */
export function zipOf(entries: readonly ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const packed = deflateRawSync(entry.data, { level: 9 });
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

export const BOMB_ESSAY_TEXT = 'Namn: Åsa Öberg\nEn uppsats om havet.';

function documentXml(text: string = BOMB_ESSAY_TEXT): Buffer {
  const paragraphs = text.split('\n').map((line) => `<w:p><w:r><w:t xml:space="preserve">${line}</w:t></w:r></w:p>`).join('');
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${paragraphs}</w:body></w:document>`);
}

const contentTypes = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/></Types>',
);

function packageRels(mainPart: string): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${mainPart}"/></Relationships>`);
}

function documentRels(targets: Readonly<Record<string, string>>): Buffer {
  const rels = Object.entries(targets).map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${type}" Target="${target}"/>`);
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">${rels.join('')}</Relationships>`);
}

/**
 * `megabytes` of a well-formed styles part: one small style definition repeated (deflates ~500:1). Many
 * elements, not one long text run, because that is what costs an XML reader its time and memory.
 */
function bombXml(megabytes: number): Buffer {
  const head = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>`);
  const tail = Buffer.from('</w:styles>');
  const style = Buffer.from('<w:style w:type="paragraph" w:styleId="s"><w:name w:val="s"/><w:rPr><w:b/></w:rPr></w:style>');
  const body = Buffer.alloc(megabytes * 1024 * 1024 - (megabytes * 1024 * 1024) % style.length);
  for (let at = 0; at < body.length; at += style.length) style.copy(body, at);
  return Buffer.concat([head, body, tail]);
}

/** The reported one: a small, honest document whose word/styles.xml inflates to ~100 MB (a ~100 KB upload). */
export function stylesBombDocx(megabytes = 100): Buffer {
  return zipOf([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: packageRels('word/document.xml') },
    { name: 'word/document.xml', data: documentXml() },
    { name: 'word/_rels/document.xml.rels', data: documentRels({ styles: 'styles.xml' }) },
    { name: 'word/styles.xml', data: bombXml(megabytes) },
  ]);
}

/** `_rels/.rels` names a bomb as the main document, and there is no word/document.xml at all. */
export function retargetedMainDocx(megabytes = 100): Buffer {
  return zipOf([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: packageRels('word/bomb.xml') },
    { name: 'word/bomb.xml', data: bombXml(megabytes) },
  ]);
}

/** word/document.xml is honest, but its rels point styles, numbering and the notes at a ~100 MB bomb part. */
export function retargetedPartsDocx(megabytes = 100): Buffer {
  return zipOf([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: packageRels('word/document.xml') },
    { name: 'word/document.xml', data: documentXml() },
    { name: 'word/_rels/document.xml.rels', data: documentRels({ styles: 'bomb.xml', numbering: 'bomb.xml', footnotes: 'bomb.xml', comments: 'bomb.xml' }) },
    { name: 'word/bomb.xml', data: bombXml(megabytes) },
  ]);
}

/** word/document.xml declares 2 KB but inflates to `megabytes` MB. */
export function lyingSizeDocx(megabytes = 50): Buffer {
  const padding = Buffer.alloc(megabytes * 1024 * 1024, 0x20);
  const xml = Buffer.concat([documentXml().subarray(0, -('</w:body></w:document>'.length)), padding, Buffer.from('</w:body></w:document>')]);
  return zipOf([
    { name: '_rels/.rels', data: packageRels('word/document.xml') },
    { name: 'word/document.xml', data: xml, declaredSize: 2048 },
  ]);
}

/** A real document plus `count` empty entries (the central directory alone is megabytes). */
export function manyEntriesDocx(count = 60_000): Buffer {
  const empty = Buffer.alloc(0);
  const filler = Array.from({ length: count }, (_, i) => ({ name: `word/media/e${i}.xml`, data: empty }));
  return zipOf([{ name: 'word/document.xml', data: documentXml() }, ...filler]);
}

/** A one-page PDF whose content stream inflates to `megabytes` MB of spaces (~1000:1). */
export function pdfFlateBomb(megabytes = 512): Buffer {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const stream = deflateSync(Buffer.concat(Array.from({ length: megabytes }, () => chunk)), { level: 9 });
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  const push = (buffer: Buffer) => {
    parts.push(buffer);
    length += buffer.length;
  };
  objects.forEach((body, i) => {
    offsets.push(length);
    push(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`));
  });
  offsets.push(length);
  push(Buffer.from(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`));
  push(stream);
  push(Buffer.from('\nendstream\nendobj\n'));
  const xref = length;
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  push(Buffer.from(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** One line of `bytes` characters: '@' then letters (the e-mail cue's worst case in issue 10). */
export function oneLineEssay(bytes: number, kind: 'letters' | 'at-signs' | 'digits' = 'letters'): string {
  if (kind === 'at-signs') return 'a@'.repeat(Math.floor(bytes / 2));
  if (kind === 'digits') return '1'.repeat(bytes);
  return `@${'a'.repeat(bytes - 1)}`;
}

export interface RawPart {
  /** The whole Content-Disposition value after `form-data; ` (so tests can write any filename / filename*). */
  disposition: string;
  content: string | Buffer;
  contentType?: string;
}

/** A multipart/form-data body built by hand: what a script, not a browser, can send. */
export function rawMultipart(parts: readonly RawPart[], boundary = `----hostile${Date.now()}`): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${part.disposition}\r\nContent-Type: ${part.contentType ?? 'text/plain'}\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.from(part.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A file part named through RFC 5987 `filename*` (percent-encoded UTF-8), as the NUL report used. */
export function fileStar(encodedName: string, content: string | Buffer = 'Namn: Åsa Öberg\n\nText.'): RawPart {
  return { disposition: `name="files"; filename*=UTF-8''${encodedName}`, content };
}
