/**
 * Name pools for the second matching corpus (issue 13). Written from general knowledge of names common in
 * Swedish and English schools, independently of ../shared/data/matching-dev.json (no name was copied from it).
 * A person is built from a pool: given-name parts, family-name parts (particles included), and how the
 * parts are joined, so double names, particles and surname-first cultures come out naturally.
 */
import type { Random } from './random.js';

export interface Person {
  given: string[];
  givenJoin: '-' | ' ';
  family: string[];
  familyJoin: '-' | ' ';
  /** Cultures that usually write the family name first (Vietnamese, Chinese, Hungarian). */
  familyFirst: boolean;
  culture: string;
}

const SV_GIVEN = [
  'Alva', 'Saga', 'Ebba', 'Signe', 'Elsa', 'Tyra', 'Stina', 'Majken', 'Linnea', 'Hedda', 'Märta', 'Agnes', 'Frida',
  'Ronja', 'Tilde', 'Lova', 'Juni', 'Idun', 'Svea', 'Ylva', 'Ingrid', 'Sigrid', 'Malin', 'Karin', 'Astrid', 'Britta',
  'Åsa', 'Klara', 'Ester', 'Matilda', 'Katarina', 'Elisabet', 'Kristina', 'Margareta', 'Josefin', 'Rebecka',
  'Viktoria', 'Emelie', 'Karolina', 'Axel', 'Ville', 'Melker', 'Gösta', 'Holger', 'Sixten', 'Valter', 'Elis', 'Nils',
  'Folke', 'Arvid', 'Olle', 'Måns', 'Sture', 'Björn', 'Örjan', 'Göran', 'Kjell', 'Håkan', 'Torbjörn', 'Ludvig',
  'Gustav', 'Fredrik', 'Kristoffer', 'Joakim', 'Mattias', 'Sebastian', 'Tobias', 'Henrik', 'Lars', 'Per', 'Mikael',
  'Emanuel', 'Johannes', 'Wilhelm', 'Carl', 'Alexander', 'Niklas', 'Olof', 'Patrik', 'Jonathan', 'Oskar', 'Albin',
  'Tove', 'Jonna', 'Vilgot', 'Sten', 'Greta', 'Lisen', 'Hampus', 'Edvin', 'Ines', 'Elvira', 'Judit', 'Rut',
];
const SV_DOUBLE_GIVEN: readonly (readonly [string, string, '-' | ' '])[] = [
  ['Anna', 'Karin', '-'], ['Karl', 'Johan', '-'], ['Eva', 'Lena', '-'], ['Per', 'Olof', '-'], ['Lars', 'Erik', ' '],
  ['Ulla', 'Britt', '-'], ['Jan', 'Ove', '-'], ['Maj', 'Lis', '-'], ['Sven', 'Erik', ' '], ['Lisa', 'Maria', ' '],
  ['Nils', 'Gunnar', ' '], ['Ann', 'Sofi', '-'], ['Tuva', 'Lo', '-'], ['Erik', 'Axel', ' '],
];
const SV_FAMILY = [
  'Lindqvist', 'Sjöberg', 'Åkesson', 'Öhman', 'Ekström', 'Bergkvist', 'Hedlund', 'Lundgren', 'Nyström', 'Söderberg',
  'Wallin', 'Holmström', 'Engström', 'Blom', 'Dahl', 'Ek', 'Lind', 'Berg', 'Strand', 'Forsberg', 'Sandström',
  'Jönsson', 'Mårtensson', 'Håkansson', 'Göransson', 'Törnqvist', 'Björk', 'Hägg', 'Nordström', 'Viklund', 'Fransson',
  'Palm', 'Sundqvist', 'Öberg', 'Ågren', 'Grahn', 'Rydén', 'Lindén', 'Lilja', 'Falk', 'Sjölund', 'Boström', 'Hammar',
  'Wikström', 'Sköld', 'Norén', 'Edlund', 'Brink', 'Kvarnström', 'Ljung', 'Rosén', 'Hellberg', 'Stål', 'Vesterlund',
];
const EN_GIVEN = [
  'Oliver', 'Charlotte', 'George', 'Amelia', 'Harry', 'Isla', 'Jack', 'Poppy', 'Thomas', 'Eleanor', 'William',
  'Elizabeth', 'Robert', 'Margaret', 'James', 'Katherine', 'Daniel', 'Samuel', 'Rebecca', 'Jessica', 'Michael',
  'Christopher', 'Victoria', 'Nicholas', 'Benjamin', 'Alexandra', 'Joseph', 'Matthew', 'Abigail', 'Nathaniel',
];
const EN_FAMILY = [
  'Smith', 'Taylor', 'Brown', 'Wilson', 'Hughes', 'Clarke', 'Walker', 'Harrison', 'Turner', 'Wright', 'Mitchell',
  'Fletcher', 'Bennett', 'Parker', 'Cooper', 'Ward', 'Morgan', 'Foster', 'Howard', 'Gray',
];
/** Given/family pools by culture; spelling variants are listed in VARIANT_SPELLINGS. */
const WORLD: Readonly<Record<string, { given: readonly string[]; family: readonly string[]; familyFirst?: boolean }>> = {
  arabic: { given: ['Yusuf', 'Mohammed', 'Fatima', 'Aisha', 'Omar', 'Layla', 'Ahmed', 'Zainab', 'Khalid', 'Rania', 'Nour', 'Hussein', 'Amira', 'Tariq'], family: ['Haddad', 'Mansour', 'Abdullah', 'Khalil', 'Saleh', 'Nasser', 'Hamdan', 'Al-Sayed', 'El-Amin'] },
  somali: { given: ['Abdirahman', 'Hodan', 'Nasra', 'Ayaan', 'Hamza', 'Fartun', 'Sagal', 'Liban'], family: ['Farah', 'Warsame', 'Jama', 'Osman', 'Mohamud', 'Hirsi', 'Egal'] },
  persian: { given: ['Shirin', 'Dariush', 'Parisa', 'Arash', 'Navid', 'Yasmin', 'Kian', 'Setareh'], family: ['Rostami', 'Tehrani', 'Ahmadi', 'Moradi', 'Karimi', 'Jafari', 'Sadeghi'] },
  turkish: { given: ['Elif', 'Emre', 'Mehmet', 'Ayşe', 'Deniz', 'Baran', 'Rojin', 'Cem', 'Berfin'], family: ['Yıldız', 'Kaya', 'Demir', 'Öztürk', 'Şahin', 'Aydın', 'Çelik', 'Doğan'] },
  vietnamese: { given: ['Minh', 'Lan', 'Anh', 'Thao', 'Huy', 'Linh', 'Quang'], family: ['Nguyen', 'Tran', 'Pham', 'Hoang', 'Vu', 'Dang'], familyFirst: true },
  chinese: { given: ['Lei', 'Na', 'Wei', 'Jing', 'Yan', 'Hao', 'Xiu'], family: ['Wang', 'Zhang', 'Chen', 'Liu', 'Zhou', 'Huang'], familyFirst: true },
  polish: { given: ['Zofia', 'Wojciech', 'Łukasz', 'Małgorzata', 'Grzegorz', 'Agnieszka', 'Paweł'], family: ['Kowalski', 'Wiśniewska', 'Nowak', 'Zieliński', 'Wójcik', 'Lewandowska'] },
  finnish: { given: ['Aino', 'Eero', 'Juha', 'Aleksi', 'Sanni', 'Veera', 'Onni'], family: ['Virtanen', 'Mäkinen', 'Korhonen', 'Heikkinen', 'Laaksonen', 'Järvinen'] },
  bosnian: { given: ['Amra', 'Emir', 'Jasmina', 'Adnan', 'Lejla', 'Dženan', 'Selma'], family: ['Hodžić', 'Kovačević', 'Begić', 'Petrović', 'Mehmedović', 'Halilović'] },
  spanish: { given: ['Alejandro', 'Lucía', 'José', 'Sofía', 'Mateo', 'Valentina', 'Andrés'], family: ['Martínez', 'Núñez', 'Gómez', 'Rodríguez', 'Fernández', 'Herrera'] },
  eritrean: { given: ['Semhar', 'Yohannes', 'Mulu', 'Filmon', 'Helen', 'Selam', 'Robel'], family: ['Tesfaye', 'Tekle', 'Haile', 'Ghebre', 'Berhane', 'Kidane'] },
};
/** Family names with particles or apostrophes, as [parts, join]. */
const PARTICLE_FAMILIES: readonly (readonly string[])[] = [
  ['van', 'der', 'Berg'], ['van', 'Dijk'], ['de', 'Vries'], ['von', 'Essen'], ['af', 'Klercker'], ['de', 'la', 'Cruz'],
  ["O'Brien"], ["O'Connor"], ["D'Souza"], ['McAllister'], ['MacLeod'], ['von', 'Platen'], ['de', 'Geer'], ['al', 'Rashid'],
];

/** Call names teachers and students write for formal given names (the engine has its own table). */
export const CALL_NAMES: Readonly<Record<string, readonly string[]>> = {
  Katarina: ['Kattis', 'Kajsa'], Elisabet: ['Lisa', 'Betty'], Kristina: ['Stina', 'Kicki'], Margareta: ['Maggan', 'Greta'],
  Josefin: ['Josse'], Rebecka: ['Becka'], Viktoria: ['Vicky'], Emelie: ['Emmy'], Karolina: ['Carro'],
  Ludvig: ['Ludde'], Gustav: ['Gurra'], Fredrik: ['Fredde'], Kristoffer: ['Krille', 'Stoffe'], Joakim: ['Jocke'],
  Mattias: ['Matte'], Sebastian: ['Sebbe'], Tobias: ['Tobbe'], Henrik: ['Henke'], Lars: ['Lasse'], Per: ['Pelle'],
  Mikael: ['Micke'], Emanuel: ['Manne'], Johannes: ['Hannes'], Wilhelm: ['Wille'], Carl: ['Calle', 'Kalle'],
  Alexander: ['Alex', 'Acke'], Niklas: ['Nicke'], Olof: ['Olle'], Patrik: ['Patte'], Jonathan: ['Jonte'], Oskar: ['Ogge'],
  Thomas: ['Tom', 'Tommy'], Elizabeth: ['Liz', 'Beth'], Robert: ['Rob', 'Bob'], Margaret: ['Maggie', 'Peggy'],
  James: ['Jim', 'Jamie'], Katherine: ['Kate', 'Katie'], Daniel: ['Dan', 'Danny'], Samuel: ['Sam'], Rebecca: ['Becky'],
  Jessica: ['Jess'], Michael: ['Mike', 'Mikey'], Christopher: ['Chris'], Victoria: ['Vicky', 'Tori'],
  Nicholas: ['Nick'], Benjamin: ['Ben'], Alexandra: ['Alex', 'Sandra'], Joseph: ['Joe'], Matthew: ['Matt'],
  Abigail: ['Abby'], Nathaniel: ['Nate'], William: ['Will', 'Bill'], Mohammed: ['Mo'], Abdirahman: ['Abdi'],
  Aleksi: ['Aku'], Alejandro: ['Álex'], Małgorzata: ['Gosia'], Wojciech: ['Wojtek'], Yohannes: ['Johnny'],
};

/** Alternative spellings a name is written with (transliteration from another script). */
export const VARIANT_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  Mohammed: ['Muhammad', 'Mohamed', 'Mohammad'], Yusuf: ['Youssef', 'Yousef'], Aisha: ['Ayesha', 'Aysha'],
  Ahmed: ['Ahmad'], Layla: ['Leila', 'Laila'], Hussein: ['Husein', 'Hossein'], Abdirahman: ['Abdurahman'],
  Omar: ['Umar'], Zainab: ['Zaynab'], Khalid: ['Khaled'], Yohannes: ['Johannes'],
};

export const TEACHERS: readonly string[] = [
  'Anders Holm', 'Maria Sjödin', 'Peter Lundin', 'Helena Ström', 'Johan Kronberg', 'Eva Tallqvist', 'Ms Carter',
  'Mr Davies', 'Susanne Berglund', 'Martin Åhlén', 'Cecilia Wahl', 'Jonas Ekelund', 'Mrs Patel', 'Ulf Renström',
];

function person(given: string[], givenJoin: '-' | ' ', family: string[], familyJoin: '-' | ' ', culture: string, familyFirst = false): Person {
  return { given, givenJoin, family, familyJoin, culture, familyFirst };
}

/** A random person; `flavour` biases towards a group of names. */
export function randomPerson(r: Random, flavour: 'sv' | 'en' | 'world' | 'double' | 'particle' | 'any' = 'any'): Person {
  const kind = flavour === 'any' ? r.pick(['sv', 'sv', 'sv', 'sv', 'en', 'world', 'world', 'double', 'particle'] as const) : flavour;
  switch (kind) {
    case 'sv':
      return person([r.pick(SV_GIVEN)], ' ', [r.pick(SV_FAMILY)], ' ', 'sv');
    case 'en':
      return person([r.pick(EN_GIVEN)], ' ', [r.pick(EN_FAMILY)], ' ', 'en');
    case 'double': {
      if (r.chance(0.5)) {
        const [a, b, join] = r.pick(SV_DOUBLE_GIVEN);
        return person([a, b], join, [r.pick(SV_FAMILY)], ' ', 'sv');
      }
      const first = r.pick(SV_FAMILY);
      const second = r.pick(SV_FAMILY.filter((f) => f !== first));
      return person([r.pick(SV_GIVEN)], ' ', [first, second], r.chance(0.5) ? '-' : ' ', 'sv');
    }
    case 'particle':
      return person([r.pick([...SV_GIVEN, ...EN_GIVEN])], ' ', [...r.pick(PARTICLE_FAMILIES)], ' ', 'particle');
    case 'world': {
      const culture = r.pick(Object.keys(WORLD));
      const pool = WORLD[culture]!;
      const given = [r.pick(pool.given)];
      if (culture === 'arabic' || culture === 'somali' || culture === 'eritrean') {
        if (r.chance(0.3)) given.push(r.pick(pool.given.filter((g) => g !== given[0])));
      }
      return person(given, ' ', [r.pick(pool.family)], ' ', culture, pool.familyFirst === true);
    }
  }
}

export const givenName = (p: Person): string => p.given.join(p.givenJoin);
export const familyName = (p: Person): string => p.family.join(p.familyJoin);
export const fullName = (p: Person): string => `${givenName(p)} ${familyName(p)}`;
export const personKey = (p: Person): string => fullName(p).toLowerCase();
