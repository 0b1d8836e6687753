/**
 * The kinds of case the second matching corpus covers (issue 13's table and more). Each builder writes one
 * essay as teachers receive it: the author's name (if any) in one of the ways students and schools write it,
 * plus the distractions that go with it (teacher names, classmates, famous people, other students' names).
 */
import { body, topic, type Lang } from './bodies.js';
import { asciiFold, callNameOf, emailLocal, hasDiacritics, plainForm, transliterate, variantOf } from './forms.js';
import { TEACHERS, familyName, fullName, givenName, randomPerson, type Person } from './names.js';
import type { Random } from './random.js';
import { buildClass, emailOf, idOf, type Class, type RosterRow } from './roster.js';

export interface GeneratedCase {
  id: string;
  text: string;
  filename: string | null;
  roster: RosterRow[];
  expected_student_id: string | null;
  tags: string[];
}

interface Draft {
  text: string;
  filename?: string;
  /** Null: nobody in the roster wrote it (or nobody can tell who did). */
  author: Person | null;
  cls: Class;
  tags: string[];
}

type Builder = (r: Random, id: string) => Draft;

const NEUTRAL_FILES = ['Uppsats.docx', 'essay_final(2).docx', 'Dokument1.docx', 'IMG_2231.pdf', 'Engelska 6 inlämning.docx', 'text.txt', 'Inlämning.docx', 'assignment3.pdf', 'Namnlöst dokument.docx', 'Krönika v2.docx'];
const FAMOUS = ['Astrid Lindgren', 'Greta Thunberg', 'Nelson Mandela', 'Marie Curie', 'Zlatan Ibrahimović', 'Selma Lagerlöf', 'Barack Obama', 'Malala Yousafzai'];
const CLASSES = ['9B', '8C', 'NA23b', 'SA22A', 'TE1c', 'EK24', '7A', 'ES23'];
const COURSES_SV = ['Svenska 1', 'Engelska 6', 'Samhällskunskap 1b', 'Historia 1a1', 'Svenska som andraspråk 2'];
const COURSES_EN = ['English 5', 'English 6', 'Social Studies', 'History', 'English 7'];

const lang = (r: Random): Lang => (r.chance(0.5) ? 'sv' : 'en');
const nameLabel = (l: Lang): string => (l === 'en' ? 'Name' : 'Namn');
const date = (r: Random): string => `202${3 + r.int(3)}-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`;
const course = (r: Random, l: Lang): string => r.pick(l === 'sv' ? COURSES_SV : COURSES_EN);
const neutralFile = (r: Random): string => r.pick(NEUTRAL_FILES);
const teacher = (r: Random): string => r.pick(TEACHERS);

function compose(...blocks: (string | string[] | null | undefined | false)[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (!b) continue;
    if (Array.isArray(b)) out.push(b.join('\n\n'));
    else out.push(b);
  }
  return out.join('\n\n') + '\n';
}

/** A class that contains `author` and, often, someone sharing a given or family name with them. */
function classWith(r: Random, author: Person, idPrefix: string, more: Person[] = []): Class {
  const extras: Person[] = [...more];
  if (r.chance(0.35)) extras.push({ ...randomPerson(r, 'sv'), given: [...author.given], givenJoin: author.givenJoin });
  if (r.chance(0.35)) extras.push({ ...randomPerson(r, 'sv'), family: [...author.family], familyJoin: author.familyJoin });
  if (r.chance(0.15)) extras.push({ ...author, given: [...author.family], family: [...author.given] });
  const unique = extras.filter((p) => fullName(p) !== fullName(author));
  return buildClass(r, [author, ...unique], idPrefix);
}

/** The opening most kinds share, drawn in this order: an author of `flavour`, a class around them, the language. */
function authorInClass(r: Random, id: string, flavour?: Parameters<typeof randomPerson>[1]): { author: Person; cls: Class; l: Lang } {
  const author = randomPerson(r, flavour);
  const cls = classWith(r, author, id);
  return { author, cls, l: lang(r) };
}

function bodyWithClassmate(r: Random, l: Lang, cls: Class, author: Person | null, full: boolean): string[] {
  const paragraphs = body(r, l);
  const mate = r.pick(cls.people.filter((p) => p !== author));
  const name = full ? fullName(mate) : givenName(mate);
  const sentence = l === 'en'
    ? r.pick([`My friend ${name} and I worked on this together at first.`, `I interviewed ${name} from my class about this.`, `${name} said in class that it is not that simple.`])
    : r.pick([`Min kompis ${name} och jag pratade mycket om det här.`, `Jag intervjuade ${name} i min klass om detta.`, `${name} sa på lektionen att det inte är så enkelt.`]);
  const i = r.int(paragraphs.length);
  paragraphs[i] = `${paragraphs[i]} ${sentence}`;
  const mateEmail = emailOf(cls, mate);
  if (mateEmail && r.chance(0.3)) {
    paragraphs[0] = `${paragraphs[0]} ${l === 'en' ? `I sent my first draft to ${mateEmail} for feedback.` : `Jag skickade mitt första utkast till ${mateEmail} för respons.`}`;
  }
  if (r.chance(0.3)) paragraphs[0] = `${paragraphs[0]} ${r.pick(FAMOUS)} ${l === 'en' ? 'once said something similar.' : 'sa något liknande en gång.'}`;
  return paragraphs;
}

function maybeNamedFile(r: Random, author: Person | null, p = 0.25): string {
  if (!author || !r.chance(p)) return neutralFile(r);
  const g = asciiFold(givenName(author)).replace(/[ -]/g, '');
  const f = asciiFold(familyName(author)).replace(/[ -']/g, '');
  return r.pick([`${g}_${f}_uppsats.docx`, `${g}${f}-essay.pdf`, `${f}_${g}.docx`, `${g.toLowerCase()}.${f.toLowerCase()}.docx`, `Essay - ${givenName(author)} ${familyName(author)}.docx`]);
}

// ---- kinds whose author is in the roster -------------------------------------------------------------

const labelled: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id);
  const name = plainForm(r, author);
  const header = r.pick([
    [`Namn: ${name}`, `Klass: ${r.pick(CLASSES)}`],
    [`Name: ${name}`, `Class: ${r.pick(CLASSES)}`, `Date: ${date(r)}`],
    [`Elev: ${name}`, `Kurs: ${course(r, 'sv')}`],
    [`Student name: ${name}`, `Teacher: ${teacher(r)}`],
    [`Namn och klass: ${name}, ${r.pick(CLASSES)}`],
    [`Författare: ${name}`],
    [`NAMN: ${name.toUpperCase()}`],
    [`Förnamn: ${givenName(author)}`, `Efternamn: ${familyName(author)}`],
    [`Name - ${name}`, `${course(r, 'en')}`],
    [`Name : ${name}`, `Class : ${r.pick(CLASSES)}`],
    [`Student: ${name}   Class: ${r.pick(CLASSES)}   Date: ${date(r)}`],
  ]);
  const other = r.pick(cls.people.filter((p) => p !== author));
  const distractor = r.pick([
    null, null, `${l === 'en' ? 'Peer reviewer' : 'Kamratrespons'}: ${fullName(other)}`, `${l === 'en' ? 'Group member' : 'Gruppmedlem'}: ${fullName(other)}`,
    `${l === 'en' ? 'To' : 'Till'}: ${teacher(r)}`, `${l === 'en' ? 'Teacher email' : 'Lärarens e-post'}: ${teacher(r).toLowerCase().replace(/ /g, '.')}@${cls.domain}`,
  ]);
  if (distractor) header.splice(r.int(header.length + 1), 0, distractor);
  const text = compose(header.join('\n'), topic(r, l), r.chance(0.3) ? bodyWithClassmate(r, l, cls, author, r.chance(0.5)) : body(r, l));
  return { text, filename: maybeNamedFile(r, author), author, cls, tags: ['labelled', l] };
};

const possessiveTitle: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id);
  const full = fullName(author);
  const possessive = (n: string): string => (l === 'en' ? (n.endsWith('s') ? `${n}'` : `${n}'s`) : /[sxz]$/.test(n) ? n : `${n}s`);
  const title = l === 'en'
    ? r.pick([`${possessive(full)} essay on ${topic(r, l).toLowerCase()}`, `${possessive(full)} book report`, `${possessive(full)} opinion piece: ${topic(r, l)}`])
    : r.pick([`${possessive(full)} krönika om ${topic(r, l).toLowerCase()}`, `${possessive(full)} bokrecension`, `${possessive(full)} argumenterande text`]);
  return { text: compose(title, body(r, l)), filename: neutralFile(r), author, cls, tags: ['possessive_title', l] };
};

const pdfArtefacts: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id, r.pick(['sv', 'sv', 'en', 'double']));
  const full = fullName(author);
  const style = r.int(4);
  let text: string;
  if (style === 0) {
    const spaced = full.split(' ').map((w) => [...w].join(' ')).join('   ');
    text = compose(spaced, topic(r, l), body(r, l));
  } else if (style === 1) {
    const fam = familyName(author);
    const cut = Math.max(2, Math.floor(fam.length / 2));
    const broken = `${givenName(author)} ${fam.slice(0, cut)}-\n${fam.slice(cut)}`;
    text = compose(topic(r, l), body(r, l), `${l === 'en' ? 'Written by' : 'Skriven av'} ${broken}`);
  } else if (style === 2) {
    const odd = [...full].map((ch, i) => (ch === ' ' ? '\u00a0' : i === 2 ? `\u200b${ch}` : i === 4 ? `${ch}\u00ad` : ch)).join('');
    text = compose(`${nameLabel(l)}: ${odd}`, topic(r, l), body(r, l));
  } else {
    const pages = body(r, l, 3 + r.int(2));
    const footer = `${full} – ${course(r, l)} – ${l === 'en' ? 'page' : 'sida'}`;
    text = compose(topic(r, l), pages.map((p, i) => `${p}\n\n${footer} ${i + 1}`));
  }
  return { text, filename: neutralFile(r), author, cls, tags: ['pdf_artefacts', l, `pdf_${style}`] };
};

const callName: Builder = (r, id) => {
  let author = randomPerson(r, r.pick(['sv', 'en']));
  for (let i = 0; i < 30 && !callNameOf(author); i++) author = randomPerson(r, r.pick(['sv', 'en']));
  const cls = classWith(r, author, id);
  const l = lang(r);
  const call = callNameOf(author) ?? givenName(author);
  const named = `${call} ${familyName(author)}`;
  const text = r.pick([
    () => compose(`${nameLabel(l)}: ${named}`, topic(r, l), body(r, l)),
    () => compose(topic(r, l), body(r, l), `${l === 'en' ? 'Best wishes' : 'Mvh'}\n${named}`),
    () => compose(`${l === 'en' ? `Hi, I'm ${named}` : `Hej, jag heter ${named}`} ${l === 'en' ? 'and this is my text.' : 'och det här är min text.'}`, body(r, l)),
  ])();
  return { text, filename: neutralFile(r), author, cls, tags: ['call_name', l] };
};

const tableHeader: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id);
  const name = plainForm(r, author);
  const table = r.chance(0.5)
    ? (l === 'en' ? [`| Name | Class | Date |`, `|---|---|---|`, `| ${name} | ${r.pick(CLASSES)} | ${date(r)} |`] : [`| Namn | Klass | Datum |`, `|---|---|---|`, `| ${name} | ${r.pick(CLASSES)} | ${date(r)} |`])
    : [`| ${nameLabel(l)} | ${name} |`, `| ${l === 'en' ? 'Teacher' : 'Lärare'} | ${teacher(r)} |`, `| ${l === 'en' ? 'Course' : 'Kurs'} | ${course(r, l)} |`];
  return { text: compose(table.join('\n'), topic(r, l), body(r, l)), filename: neutralFile(r), author, cls, tags: ['table_header', l] };
};

const byline: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id);
  const name = plainForm(r, author);
  const line = l === 'en' ? r.pick([`An essay by ${name}`, `by ${name}`, `By: ${name}`, `Written by ${name}`]) : r.pick([`Skriven av ${name}`, `Av ${name}`, `Av: ${name}`, `Text: ${name}`]);
  const top = r.chance(0.5);
  const text = top ? compose(topic(r, l), line, body(r, l)) : compose(topic(r, l), body(r, l), line);
  return { text, filename: neutralFile(r), author, cls, tags: ['byline', l] };
};

const transliteration: Builder = (r, id) => {
  let author = randomPerson(r, r.pick(['sv', 'world']));
  for (let i = 0; i < 30 && !hasDiacritics(fullName(author)); i++) author = randomPerson(r, r.pick(['sv', 'world']));
  const cls = classWith(r, author, id);
  const l = lang(r);
  const full = fullName(author);
  const written = r.pick([transliterate(full), asciiFold(full), full.toUpperCase(), asciiFold(full).toUpperCase()]);
  const text = r.pick([
    () => compose(`${nameLabel(l)}: ${written}`, topic(r, l), body(r, l)),
    () => compose(`${written}\n${r.pick(CLASSES)}`, topic(r, l), body(r, l)),
    () => compose(topic(r, l), body(r, l), `/${written}`),
  ])();
  return { text, filename: neutralFile(r), author, cls, tags: ['transliteration', l] };
};

const multicultural: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id, 'world');
  const fam = familyName(author);
  const variant = variantOf(r, author);
  const forms = [
    `${fam} ${givenName(author)}`,
    `${fam.toUpperCase()} ${givenName(author)}`,
    `${author.given[0]} ${fam}`,
    variant ? `${variant} ${fam}` : `${givenName(author)} ${fam}`,
  ];
  const written = author.familyFirst ? r.pick([forms[0]!, forms[1]!, `${givenName(author)} ${fam}`]) : r.pick(forms.slice(1));
  const text = r.chance(0.5) ? compose(`${nameLabel(l)}: ${written}`, topic(r, l), body(r, l)) : compose(`${written}\n${r.pick(CLASSES)} ${date(r)}`, topic(r, l), body(r, l));
  // Written family-first while the class also has the reversed pair: nobody can tell which one wrote it.
  const reversedTwin = cls.people.some((p) => givenName(p) === fam && familyName(p) === givenName(author));
  const unclear = reversedTwin && written.toLowerCase().startsWith(fam.toLowerCase());
  return { text, filename: neutralFile(r), author: unclear ? null : author, cls, tags: ['multicultural', l, author.culture] };
};

const teacherComment: Builder = (r, id) => {
  const author = randomPerson(r, 'sv');
  const teacherName = teacher(r);
  const [tGiven, tFamily] = teacherName.split(' ');
  const mates: Person[] = [];
  if (tFamily && !/^(Ms|Mr|Mrs)$/.test(tGiven ?? '') && r.chance(0.5)) mates.push({ ...randomPerson(r, 'sv'), family: [tFamily] });
  const cls = classWith(r, author, id, mates);
  const unique = cls.people.filter((p) => givenName(p) === givenName(author)).length === 1;
  const l = lang(r);
  const comment = l === 'en'
    ? `Teacher's comment (${teacherName}): Good structure, ${givenName(author)}! Work on your paragraphs.`
    : `Kommentar från ${teacherName}: Bra jobbat ${givenName(author)}! Tänk på styckeindelningen.`;
  const named = r.chance(0.5);
  const text = compose(named ? `${fullName(author)}, ${r.pick(CLASSES)}` : null, topic(r, l), body(r, l), comment);
  return { text, filename: neutralFile(r), author: named || unique ? author : null, cls, tags: ['teacher_comment', l, named ? 'named' : 'first_only'] };
};

const doubleName: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id, 'double');
  const g = author.given;
  const f = author.family;
  const forms: string[] = [];
  if (g.length > 1) forms.push(`${g.join(author.givenJoin === '-' ? ' ' : '-')} ${familyName(author)}`, `${g[0]![0]}-${g[1]![0]} ${familyName(author)}`, `${g.join('')} ${familyName(author)}`);
  if (f.length > 1) forms.push(`${givenName(author)} ${f.join(author.familyJoin === '-' ? ' ' : '-')}`, `${givenName(author)} ${f[f.length - 1]}`, `${givenName(author)} ${f.join('')}`);
  forms.push(`${givenName(author)[0]}. ${familyName(author)}`);
  const written = r.pick(forms);
  const text = r.chance(0.6) ? compose(`${nameLabel(l)}: ${written}`, topic(r, l), body(r, l)) : compose(topic(r, l), body(r, l), `${l === 'en' ? 'Regards' : 'Hälsningar'},\n${written}`);
  return { text, filename: neutralFile(r), author, cls, tags: ['double_name', l] };
};

const particle: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id, 'particle');
  const fam = familyName(author);
  const cap = fam.split(' ').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
  const main = author.family[author.family.length - 1]!;
  const particles = author.family.slice(0, -1).join(' ');
  const written = r.pick([
    `${givenName(author)} ${fam}`,
    `${givenName(author)} ${cap}`,
    particles ? `${main}, ${givenName(author)} ${particles}` : `${fam}, ${givenName(author)}`,
    `${givenName(author)} ${fam.replace("'", '’')}`,
    `${givenName(author)} ${fam.replace("'", '')}`,
  ]);
  const text = compose(`${nameLabel(l)}: ${written}`, topic(r, l), body(r, l));
  return { text, filename: neutralFile(r), author, cls, tags: ['particle', l] };
};

const classmateInBody: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id);
  const where = r.int(3);
  const head = where === 0 ? `${fullName(author)}\n${r.pick(CLASSES)}` : null;
  const tail = where === 1 ? `${l === 'en' ? 'Thanks for reading!' : 'Tack för att du läste!'}\n/${givenName(author)} ${familyName(author)}` : null;
  const file = where === 2 ? `${asciiFold(givenName(author)).replace(/[ -]/g, '')}_${asciiFold(familyName(author)).replace(/[ -']/g, '')}.docx` : neutralFile(r);
  return { text: compose(head, topic(r, l), bodyWithClassmate(r, l, cls, author, true), tail), filename: file, author, cls, tags: ['classmate_in_body', l] };
};

const emailOnly: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id);
  const roster = emailOf(cls, author);
  const local = roster?.split('@')[0] ?? emailLocal(author, 0);
  const line = r.pick([
    roster ? `${l === 'en' ? 'E-mail' : 'E-post'}: ${roster}` : `E-mail: ${emailLocal(author, 0)}@gmail.com`,
    roster ? roster : `${emailLocal(author, 0)}@hotmail.com`,
    `${l === 'en' ? 'Student ID' : 'Elev-ID'}: ${local}`,
    `${emailLocal(author, 0)}${r.int(99)}@gmail.com`,
  ]);
  const text = r.chance(0.5) ? compose(line, topic(r, l), body(r, l)) : compose(topic(r, l), body(r, l), line);
  return { text, filename: neutralFile(r), author, cls, tags: ['email_id_only', l] };
};

const coverPage: Builder = (r, id) => {
  const author = randomPerson(r);
  const t = teacher(r);
  const cls = classWith(r, author, id);
  const l = lang(r);
  const school = r.pick(['Norrviks gymnasium', 'Lillby skola', 'Hagagymnasiet', 'Riverside Academy', 'Ekbyskolan']);
  const lines = [school, course(r, l), topic(r, l), `${l === 'en' ? 'Teacher' : 'Lärare'}: ${t}`, date(r), plainForm(r, author)];
  const cover = r.chance(0.5) ? lines.join('\n') : lines.join('\n\n');
  return { text: compose(cover, body(r, l)), filename: neutralFile(r), author, cls, tags: ['cover_page', l] };
};

const selfIntro: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id);
  const name = r.chance(0.8) ? fullName(author) : givenName(author);
  const intro = l === 'en' ? r.pick([`My name is ${name} and I am sixteen.`, `Hello! I am ${name} and I live in a small town.`]) : r.pick([`Jag heter ${name} och går i nian.`, `Hej! Mitt namn är ${name} och jag bor i en liten stad.`]);
  const paragraphs = body(r, l);
  paragraphs[0] = `${intro} ${paragraphs[0]}`;
  const uniqueGiven = cls.people.filter((p) => givenName(p) === givenName(author)).length === 1;
  return { text: compose(topic(r, l), paragraphs), filename: neutralFile(r), author: name === fullName(author) || uniqueGiven ? author : null, cls, tags: ['self_intro', l] };
};

const signoff: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id);
  const name = r.pick([fullName(author), `${givenName(author)} ${familyName(author)[0]}.`, fullName(author)]);
  const close = l === 'en' ? r.pick(['Best regards,', 'Kind regards', 'Thank you for reading!', 'Sincerely,']) : r.pick(['Mvh', 'Med vänliga hälsningar,', 'Hälsningar', 'Tack för mig!']);
  const uniqueInitial = cls.people.filter((p) => givenName(p) === givenName(author) && familyName(p)[0] === familyName(author)[0]).length === 1;
  return { text: compose(topic(r, l), body(r, l), `${close}\n${name}`), filename: neutralFile(r), author: name.endsWith('.') && !uniqueInitial ? null : author, cls, tags: ['signoff', l] };
};

const filenameOnly: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id);
  const g = givenName(author).replace(/[ -]/g, '');
  const f = familyName(author).replace(/[ ']/g, '');
  const file = r.pick([`${g}${f}_${course(r, l).replace(/ /g, '')}.docx`, `${f}_${g}_uppgift2.docx`, `${asciiFold(g).toLowerCase()}-${asciiFold(f).toLowerCase()}.pdf`, `${g} ${f} - ${topic(r, l).slice(0, 12)}.docx`, `${asciiFold(f).toUpperCase()} ${asciiFold(g)}.odt`]);
  // A file name has no order convention: with the reversed pair in the class nobody can tell who wrote it.
  const reversedTwin = cls.people.some((p) => givenName(p) === familyName(author) && familyName(p) === givenName(author));
  return { text: compose(topic(r, l), body(r, l)), filename: file, author: reversedTwin ? null : author, cls, tags: ['filename_only', l] };
};

const reversed: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id, r.pick(['sv', 'en', 'world']));
  const written = r.pick([`${familyName(author)}, ${givenName(author)}`, `${familyName(author).toUpperCase()}, ${givenName(author)}`]);
  const text = compose(r.chance(0.5) ? `${nameLabel(l)}: ${written}` : written, topic(r, l), body(r, l));
  return { text, filename: neutralFile(r), author, cls, tags: ['reversed', l] };
};

const typo: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id, 'sv');
  const fam = familyName(author);
  const i = 1 + r.int(Math.max(1, fam.length - 2));
  const misspelt = fam.length > 4 ? fam.slice(0, i) + fam.slice(i + 1) : fam + fam[fam.length - 1];
  const text = compose(`${nameLabel(l)}: ${givenName(author)} ${misspelt}`, topic(r, l), body(r, l));
  return { text, filename: neutralFile(r), author, cls, tags: ['typo', l] };
};

const examHeader: Builder = (r, id) => {
  const { author, cls, l } = authorInClass(r, id);
  const head = [`${plainForm(r, author)}   ${date(r)} ${10 + r.int(5)}:${10 + r.int(50)}`, `${course(r, l)} – ${l === 'en' ? 'written test' : 'skrivuppgift'}`, `${l === 'en' ? 'Words' : 'Ord'}: ${250 + r.int(400)}`];
  return { text: compose(head.join('\n'), topic(r, l), body(r, l)), filename: neutralFile(r), author, cls, tags: ['exam_header', l] };
};

const firstNameOnly: Builder = (r, id) => {
  let cls: Class;
  let author: Person;
  do {
    author = randomPerson(r, 'sv');
    cls = buildClass(r, [author], id);
  } while (cls.people.filter((p) => givenName(p) === givenName(author)).length !== 1);
  const l = lang(r);
  const text = compose(`${givenName(author)} ${r.pick(CLASSES)}`, topic(r, l), body(r, l));
  return { text, filename: neutralFile(r), author, cls, tags: ['first_name_only', l] };
};

// ---- kinds with no author to find -------------------------------------------------------------------

const noName: Builder = (r, id) => {
  const author = randomPerson(r);
  const t = teacher(r);
  const [, tFamily] = t.split(' ');
  const mates = tFamily && r.chance(0.5) ? [{ ...randomPerson(r, 'sv'), family: [tFamily] }] : [];
  const cls = classWith(r, author, id, mates);
  const l = lang(r);
  const head = r.pick([null, `${l === 'en' ? 'Teacher' : 'Lärare'}: ${t}\n${course(r, l)}`, `${course(r, l)} ${date(r)}`, `${r.pick(CLASSES)}`]);
  const paragraphs = r.chance(0.5) ? bodyWithClassmate(r, l, cls, null, r.chance(0.3)) : body(r, l);
  if (r.chance(0.5)) paragraphs[0] = `${paragraphs[0]} ${r.pick(FAMOUS)} ${l === 'en' ? 'is someone I admire.' : 'är någon jag beundrar.'}`;
  // A short closing sentence on its own line that names a classmate: not a sign-off.
  if (r.chance(0.3)) {
    const mate = givenName(r.pick(cls.people));
    paragraphs.push(l === 'en' ? r.pick([`That is all I wanted to say about ${mate}.`, `Thanks to ${mate} for the help!`]) : r.pick([`Det var allt jag ville säga om ${mate}.`, `Tack till ${mate} för hjälpen!`]));
  }
  return { text: compose(head, topic(r, l), paragraphs), filename: neutralFile(r), author: null, cls, tags: ['no_name', l] };
};

const notInRoster: Builder = (r, id) => {
  const outsider = randomPerson(r);
  const cls0 = buildClass(r, [], id);
  const twin = r.pick(cls0.people);
  const mode = r.int(4);
  const written: Person =
    mode === 0 ? { ...outsider, given: [...twin.given], givenJoin: twin.givenJoin } :
    mode === 1 ? { ...outsider, family: [...twin.family], familyJoin: twin.familyJoin } :
    mode === 2 ? { ...twin, family: [`${twin.family[twin.family.length - 1]}${r.pick(['ström', 'sson', 'man', 'er'])}`] } : outsider;
  const cls = cls0.people.some((p) => fullName(p) === fullName(written)) ? buildClass(r, [], `${id}x`) : cls0;
  const l = lang(r);
  const how = r.int(3);
  const ownEmail = r.chance(0.3) ? `\n${emailLocal(written, 0)}@${cls.domain}` : '';
  const text = how === 0 ? compose(`${nameLabel(l)}: ${fullName(written)}${ownEmail}`, topic(r, l), body(r, l))
    : how === 1 ? compose(`${fullName(written)} ${date(r)}`, topic(r, l), body(r, l))
      : compose(topic(r, l), body(r, l), `${l === 'en' ? 'Best regards' : 'Mvh'}\n${fullName(written)}`);
  return { text, filename: neutralFile(r), author: null, cls, tags: ['not_in_roster', l, `nir_${mode}`] };
};

const ambiguous: Builder = (r, id) => {
  const a = randomPerson(r, r.pick(['sv', 'en']));
  const mode = r.int(3);
  const b: Person = mode === 1 ? { ...randomPerson(r, 'sv'), family: [...a.family] } : { ...randomPerson(r, 'sv'), given: [...a.given], givenJoin: a.givenJoin };
  const cls = buildClass(r, [a, ...(fullName(a) === fullName(b) ? [] : [b])], id, mode === 2 ? a : undefined);
  const l = lang(r);
  const written = mode === 0 ? givenName(a) : mode === 1 ? familyName(a) : fullName(a);
  const text = r.pick([
    () => compose(`${nameLabel(l)}: ${written}`, topic(r, l), body(r, l)),
    () => compose(topic(r, l), body(r, l), `/${written}`),
    () => compose(`${written} ${r.pick(CLASSES)}`, topic(r, l), body(r, l)),
  ])();
  return { text, filename: neutralFile(r), author: null, cls, tags: ['ambiguous', l, ['shared_given', 'shared_family', 'same_name'][mode]!] };
};

export const KINDS: Readonly<Record<string, Builder>> = {
  labelled, possessive_title: possessiveTitle, pdf_artefacts: pdfArtefacts, call_name: callName, table_header: tableHeader,
  byline, transliteration, multicultural, teacher_comment: teacherComment, double_name: doubleName, particle,
  classmate_in_body: classmateInBody, email_id_only: emailOnly, cover_page: coverPage, self_intro: selfIntro, signoff,
  filename_only: filenameOnly, reversed, typo, exam_header: examHeader, first_name_only: firstNameOnly,
  no_name: noName, not_in_roster: notInRoster, ambiguous,
};

/** Turns a draft into a scored case; a draft whose author reading is unclear is labelled null + ambiguous. */
export function finish(id: string, draft: Draft): GeneratedCase {
  const tags = [...draft.tags];
  if (draft.author === null && tags[0] !== 'no_name' && tags[0] !== 'not_in_roster' && !tags.includes('ambiguous')) tags.push('ambiguous');
  return {
    id,
    text: draft.text,
    filename: draft.filename ?? null,
    roster: draft.cls.rows,
    expected_student_id: draft.author ? idOf(draft.cls, draft.author) : null,
    tags,
  };
}
