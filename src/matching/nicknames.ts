/**
 * Common English and Swedish short forms of given names (general knowledge, not corpus data). A pair is
 * only ever full form ↔ short form: two short forms of the same name are not linked, and a plain prefix
 * ("Ossi" ← "Ossian") is handled separately as a weaker `short_form`.
 */
const SHORT_FORMS: readonly string[] = [
  'abraham: abbe', 'albin: abbe', 'alexander: alex alle acke', 'alexandra: alex sandra', 'alfred: alfie affe',
  'amanda: mandy', 'andreas: andy', 'andrew: andy drew', 'anthony: tony', 'anton: tony', 'arvid: avve',
  'axel: acke', 'benjamin: ben benji benny', 'carl: kalle calle', 'karl: kalle calle', 'caroline: carro',
  'karolina: carro', 'cecilia: cissi cilla', 'charles: charlie', 'charlotte: lotta lotte charlie',
  'christian: chris kris', 'christoffer: chris kris stoffe', 'christopher: chris kris', 'kristian: kris chris',
  'kristoffer: kris chris krille stoffe', 'christina: stina tina kicki', 'kristina: stina tina kicki',
  'cornelia: nellie nelly', 'daniel: dan danne danny', 'david: dave davve', 'edvard: eddie edde',
  'edward: eddie ed', 'elisabeth: lisa liz lizzie beth', 'elizabeth: liz lizzie beth lisa', 'elisabet: lisa',
  'emanuel: manne', 'emmanuel: manne', 'immanuel: manne', 'emilia: emmy milla', 'emelie: emmy', 'emily: emmy millie',
  'filip: fille', 'philip: phil fille', 'fredrik: fredde freddy fred', 'gabriel: gabbe gabe',
  'gabriella: gabby gabbi', 'gustav: gurra gusse', 'gustaf: gurra gusse', 'henrik: henke',
  'ibrahim: ibbe', 'isabella: bella isa', 'isabelle: bella isa', 'jakob: jacke jake', 'jacob: jake jacke',
  'james: jim jimmy jamie', 'jan: janne', 'jennifer: jenny jen', 'jessica: jessie jess', 'joakim: jocke',
  'joachim: jocke', 'johannes: hannes', 'jonathan: jonte jonny', 'josefin: josse', 'josefine: josse',
  'josephine: josie josse', 'joseph: joe joey', 'josef: josse', 'katarina: kattis kate katie',
  'katherine: kate katie kathy', 'catherine: cathy kate katie', 'kenneth: kenny ken', 'lars: lasse',
  'leonard: leo lenny', 'ludvig: ludde', 'ludwig: ludde', 'madeleine: maddie madde', 'magnus: mange manne',
  'margareta: greta maggan', 'margaret: maggie meg peggy', 'maria: mia', 'matilda: tilda tilly',
  'mathilda: tilda tilly', 'mattias: matte', 'matthias: matte', 'mathias: matte', 'matthew: matt',
  'maximilian: max', 'michael: mike micke mikey', 'mikael: micke', 'mohammed: mo moe', 'mohammad: mo moe',
  'mohamed: mo moe', 'muhammad: mo moe', 'mustafa: musse', 'nathaniel: nate nat', 'nathan: nate',
  'nicholas: nick nicky', 'nicolas: nick nicke', 'niklas: nicke nick', 'nicklas: nicke nick', 'nils: nisse',
  'olivia: liv livvy', 'oliver: ollie olle', 'olof: olle', 'olov: olle', 'oscar: ogge', 'oskar: ogge',
  'patrik: patte', 'patrick: pat paddy', 'per: pelle perra', 'peter: pete pelle', 'petter: pelle',
  'rebecca: becky becca', 'rebecka: becka becky', 'richard: rick ricky', 'rickard: ricke', 'robert: rob robbie bob robban',
  'samuel: sam sammy samme', 'sebastian: sebbe seb basse', 'stefan: steffe', 'stephen: steve', 'steven: steve',
  'susanne: sanna sussie', 'susanna: sanna', 'theodor: theo teddy', 'theodore: theo teddy ted',
  'thomas: tom tommy tompa', 'tomas: tom tommy tompa', 'timothy: tim timmy', 'tobias: tobbe toby',
  'victoria: vicky vickie tori', 'viktoria: vicky vickie', 'vincent: vince', 'valdemar: valle',
  'waldemar: valle', 'william: will wille willy bill billy', 'wilhelm: wille willy', 'vilhelm: wille',
  'zacharias: zacke zack', 'sakarias: zacke',
];

function buildShortFormIndex(): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    const set = index.get(a) ?? new Set<string>();
    set.add(b);
    index.set(a, set);
  };
  for (const entry of SHORT_FORMS) {
    const [full = '', shorts = ''] = entry.split(':');
    for (const short of shorts.trim().split(/\s+/)) {
      link(full.trim(), short);
      link(short, full.trim());
    }
  }
  return index;
}

const SHORT_FORM_INDEX = buildShortFormIndex();

/** True when one folded given name is a listed short form of the other ("manne" ↔ "emanuel"). */
export function isKnownShortForm(a: string, b: string): boolean {
  return SHORT_FORM_INDEX.get(a)?.has(b) ?? false;
}

/**
 * A truncated given name ("Ossi" for "Ossian"): at least 3 letters and at least 2 letters shorter, so
 * that different names one letter apart are not taken for short forms.
 */
export function isTruncatedForm(short: string, full: string): boolean {
  return short.length >= 3 && full.length - short.length >= 2 && full.startsWith(short);
}
