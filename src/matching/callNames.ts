/**
 * Call names and spelling variants of given names (issue 13).
 *
 * Sources, restated as a table (no text copied):
 * - English short forms: the open "nicknames" list, https://github.com/carltonnorthern/nicknames (names.csv),
 *   restricted to forms common for school-age students.
 * - Swedish call names ("smeknamn": Lars → Lasse, Karl → Kalle, Gustav → Gurra, Katarina → Kattis …):
 *   https://www.swednavi.com/2024/04/swedish-nickname.html and
 *   https://watchingtheswedes.com/tag/language-2/ ("Swedish nicknames – male or female?").
 * - A Swede may go by any of their given names ("tilltalsnamn"), not only the first:
 *   https://hhogman.se/first_middle_names.htm — so every given-name part is a form on its own.
 * - Spelling variants are the common Latin transliterations of the same Arabic, Somali, Persian and
 *   Tigrinya names (Mohammed/Muhammad/Mohamed …), as found on any school roster in Sweden.
 *
 * A pair links a formal name and a call name only; two call names of one formal name are not linked.
 */
const CALL_NAMES: readonly string[] = [
  'abraham: abbe', 'albin: abbe', 'alexander: alex alle acke', 'alexandra: alex sandra', 'alfred: alfie affe',
  'amanda: mandy', 'andreas: andy', 'andrew: andy drew', 'anthony: tony', 'anton: tony', 'arvid: avve',
  'axel: acke', 'benjamin: ben benji benny', 'bertil: berra', 'birgitta: britta gittan', 'bo: bosse',
  'carl: kalle calle', 'karl: kalle calle', 'caroline: carro', 'carolin: carro', 'karolina: carro',
  'cecilia: cissi cilla', 'charles: charlie', 'charlotte: lotta lotte charlie', 'christian: chris kris',
  'christoffer: chris kris stoffe', 'christopher: chris kris', 'kristian: kris chris',
  'kristoffer: kris chris krille stoffe', 'christina: stina tina kicki', 'kristina: stina tina kicki',
  'cornelia: nellie nelly', 'daniel: dan danne danny', 'david: dave davve', 'edvard: eddie edde',
  'edward: eddie ed', 'elisabeth: lisa liz lizzie beth betty bettan', 'elizabeth: liz lizzie beth lisa betty',
  'elisabet: lisa betty bettan', 'emanuel: manne', 'emmanuel: manne', 'immanuel: manne', 'emilia: emmy milla',
  'emelie: emmy', 'emily: emmy millie', 'filip: fille', 'philip: phil fille', 'fredrik: fredde freddy fred',
  'gabriel: gabbe gabe', 'gabriella: gabby gabbi', 'gustav: gurra gusse', 'gustaf: gurra gusse', 'henrik: henke',
  'ibrahim: ibbe', 'isabella: bella isa', 'isabelle: bella isa', 'israel: isse', 'jakob: jacke jake',
  'jacob: jake jacke', 'james: jim jimmy jamie', 'jan: janne', 'jennifer: jenny jen', 'jessica: jessie jess',
  'joakim: jocke', 'joachim: jocke', 'johannes: hannes jonte', 'johan: jonte', 'jonas: jonte jonne',
  'jonathan: jonte jonny', 'josefin: josse jossan', 'josefine: josse jossan', 'josephine: josie josse',
  'joseph: joe joey', 'josef: josse', 'katarina: kattis kajsa katta kate', 'katrin: kattis katti',
  'karin: kajsa', 'katherine: kate katie kathy', 'catherine: cathy kate katie', 'kenneth: kenny ken',
  'lars: lasse', 'leif: leffe', 'leonard: leo lenny', 'lukas: lulle', 'ludvig: ludde', 'ludwig: ludde',
  'madeleine: maddie madde', 'magnus: mange manne', 'margareta: greta maggan', 'margaret: maggie meg peggy',
  'maria: mia', 'matilda: tilda tilly', 'mathilda: tilda tilly', 'mattias: matte', 'matthias: matte',
  'mathias: matte', 'matthew: matt', 'maximilian: max', 'michael: mike micke mikey', 'mikael: micke',
  'mikaela: mickan mikkis', 'mohammed: mo moe', 'mohammad: mo moe', 'mohamed: mo moe', 'muhammad: mo moe',
  'mustafa: musse', 'nathaniel: nate nat', 'nathan: nate', 'nicholas: nick nicky', 'nicolas: nick nicke',
  'niklas: nicke nick nille', 'nicklas: nicke nick nille', 'nils: nisse', 'olivia: liv livvy',
  'oliver: ollie olle', 'olof: olle', 'olov: olle', 'oscar: ogge', 'oskar: ogge', 'patrik: patte',
  'patrick: pat paddy', 'paul: pålle', 'per: pelle perra', 'peter: pete pelle', 'petter: pelle',
  'rebecca: becky becca', 'rebecka: becka becky', 'richard: rick ricky', 'rickard: ricke',
  'robert: rob robbie bob robban', 'rolf: roffe', 'samuel: sam sammy samme', 'sebastian: sebbe seb basse',
  'sofia: fia', 'stefan: steffe', 'stephen: steve', 'steven: steve', 'stig: stickan sigge',
  'susanne: sanna sussie sussi', 'susanna: sanna', 'theodor: theo teddy', 'theodore: theo teddy ted',
  'therese: tess tessan', 'thomas: tom tommy tompa', 'tomas: tom tommy tompa', 'timothy: tim timmy',
  'tobias: tobbe toby', 'ulf: uffe', 'victoria: vicky vickie tori vickan', 'viktoria: vicky vickie vickan',
  'vincent: vince', 'valdemar: valle', 'waldemar: valle', 'william: will wille willy bill billy liam',
  'wilhelm: wille willy', 'vilhelm: wille', 'zacharias: zacke zack', 'sakarias: zacke', 'abdirahman: abdi',
  'abdullahi: abdi', 'abdullah: abdi', 'aleksander: aleks', 'małgorzata: gosia', 'wojciech: wojtek',
  'aleksandra: ola', 'katarzyna: kasia', 'yohannes: johnny', 'annika: anki', 'anna karin: anki',
];

/** Different Latin spellings of one name; every member is a variant of every other. */
const SPELLING_GROUPS: readonly string[] = [
  'mohammed muhammad mohamed mohammad muhammed mohamad', 'yusuf youssef yousef yousif yusef', 'aisha ayesha aysha aicha',
  'ahmed ahmad ahmet', 'layla leila laila leyla', 'hussein husein hossein husseyn', 'abdirahman abdurahman abdulrahman',
  'omar umar', 'zainab zaynab zeynab', 'khalid khaled', 'yohannes johannes', 'fatima fatimah fatma',
  'mustafa mustapha mostafa', 'ibrahim ebrahim', 'hassan hasan', 'hamza hamsa', 'amina aminah', 'mariam maryam',
  'karim kareem', 'samir sameer', 'nour noor nur', 'yasmin yasmine jasmin', 'sara sarah', 'hanna hannah',
  'mikael michael', 'kristoffer christoffer', 'kristian christian', 'filip philip', 'josef joseph', 'jakob jacob',
  'karl carl', 'oskar oscar', 'gustav gustaf', 'olof olov', 'erik eric', 'fredrik fredric', 'viktor victor',
  'elias elijah', 'matilda mathilda', 'rebecka rebecca', 'viktoria victoria', 'elisabet elisabeth elizabeth',
  'katarina katharina catharina', 'cecilia cecilie', 'emelie emilie emely', 'isabelle isabel isabell',
];

function addLink(index: Map<string, Set<string>>, a: string, b: string): void {
  if (a === b) return;
  const set = index.get(a) ?? new Set<string>();
  set.add(b);
  index.set(a, set);
}

function buildCallNames(): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const entry of CALL_NAMES) {
    const [formal = '', calls = ''] = entry.split(':').map((s) => s.trim());
    for (const call of calls.split(' ')) {
      addLink(index, formal, call);
      addLink(index, call, formal);
    }
  }
  return index;
}

function buildVariants(): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const group of SPELLING_GROUPS) {
    const members = group.split(' ');
    for (const a of members) for (const b of members) addLink(index, a, b);
  }
  return index;
}

const CALL_INDEX = buildCallNames();
const VARIANT_INDEX = buildVariants();
const NONE: ReadonlySet<string> = new Set();

/** Call names of a (lower-case, NFC) given name, and the formal names of a call name. */
export const callNamesOf = (given: string): ReadonlySet<string> => CALL_INDEX.get(given) ?? NONE;
/** Other spellings of a (lower-case, NFC) given name. */
export const spellingsOf = (given: string): ReadonlySet<string> => VARIANT_INDEX.get(given) ?? NONE;
