/**
 * Essay bodies for the second matching corpus (issue 13): invented sentences in English and Swedish, the
 * way 13–18-year-olds write them (small errors kept). Written for this generator; none copied from a corpus.
 */
import type { Random } from './random.js';

export type Lang = 'en' | 'sv';

const EN_TOPICS = [
  'Why we should read more books', 'Living in a small town', 'My favourite season', 'The future of work',
  'Should school start later?', 'A person who changed history', 'Fast fashion', 'Learning a new language',
  'Video games and learning', 'Animals in zoos', 'The best holiday I ever had', 'Trains or planes',
];
const SV_TOPICS = [
  'Borde skoldagen börja senare?', 'Min bästa sommar', 'Varför läsa skönlitteratur', 'Djur i fångenskap',
  'Framtidens arbetsmarknad', 'Att bo på landet', 'Snabbmode och miljön', 'Datorspel och lärande',
  'En person som förändrade världen', 'Tåg eller flyg', 'Att lära sig ett nytt språk', 'Kollektivtrafiken i min stad',
];
const EN_SENTENCES = [
  'When I think about this question I first remember my grandmother, who never owned a computer.',
  'Many people say that the answer is simple, but I do not agree with them at all.',
  'In my town the buses only go twice an hour, so most families need a car.',
  'Last spring we visited a farm and I learned how much work one cow needs every day.',
  'There is a lot of research about this and some of it is quite surprising.',
  'I have to admit that I changed my mind while I was writing this text.',
  'On the other hand it costs money, and not every family can afford it.',
  'My little brother plays games for hours and he actually learned English that way.',
  'Teachers often say that we should think critically about what we read online.',
  'A good example is the library in our town, which is almost empty on weekdays.',
  'If we want a better future we need to start with small changes today.',
  'Some of my friends think this topic is boring, but I find it really interesting.',
  'It is not easy to know what is true when everyone has a different opinion.',
  'The first argument is about health, and the second one is about money.',
  'I believe that young people should be part of the discussion more often.',
  'When it rains in November everything feels a bit slower and heavier.',
  'According to an article I read, people sleep less today than twenty years ago.',
  'We talked about this in class and most of us had very different ideas.',
  'In conclusion, I think both sides have good points, but I prefer the first one.',
  'To sum up, this is a question that every generation has to answer again.',
  'Honestly i didnt think it would be this hard to choose a side.',
  'My parents grew up without smartphones and they still managed fine.',
  'The main character in the book reminded me a little of myself.',
  'It would be better if the politicians listened to the students more.',
];
const SV_SENTENCES = [
  'När jag tänker på den här frågan kommer jag först att tänka på min mormor som aldrig haft en dator.',
  'Många säger att svaret är enkelt, men det håller jag inte alls med om.',
  'I min stad går bussen bara två gånger i timmen, så de flesta familjer behöver bil.',
  'I våras besökte vi en bondgård och jag lärde mig hur mycket jobb en ko kräver varje dag.',
  'Det finns mycket forskning om det här och en del av den är ganska förvånande.',
  'Jag måste erkänna att jag ändrade åsikt medan jag skrev den här texten.',
  'Å andra sidan kostar det pengar och alla familjer har inte råd.',
  'Min lillebror spelar spel i flera timmar och han har faktiskt lärt sig engelska så.',
  'Lärarna säger ofta att vi ska vara källkritiska till det vi läser på nätet.',
  'Ett bra exempel är biblioteket i vår stad som nästan är tomt på vardagarna.',
  'Om vi vill ha en bättre framtid måste vi börja med små förändringar idag.',
  'Några av mina kompisar tycker att ämnet är tråkigt men jag tycker det är jätteintressant.',
  'Det är inte lätt att veta vad som är sant när alla har olika åsikter.',
  'Det första argumentet handlar om hälsa och det andra om pengar.',
  'Jag tycker att unga borde få vara med i diskussionen oftare.',
  'När det regnar i november känns allt lite långsammare och tyngre.',
  'Enligt en artikel jag läste sover folk mindre idag än för tjugo år sedan.',
  'Vi pratade om det här på lektionen och de flesta hade väldigt olika idéer.',
  'Sammanfattningsvis tycker jag att båda sidor har bra poänger men jag föredrar den första.',
  'Till sist är det en fråga som varje generation måste svara på igen.',
  'ärligt talat trodde jag inte att det skulle vara så svårt att välja sida.',
  'Mina föräldrar växte upp utan mobiler och de klarade sig ändå.',
  'Huvudpersonen i boken påminde mig lite om mig själv.',
  'Det vore bättre om politikerna lyssnade mer på eleverna.',
];

export function topic(r: Random, lang: Lang): string {
  return r.pick(lang === 'en' ? EN_TOPICS : SV_TOPICS);
}

/** 2–4 paragraphs of 3–5 sentences. */
export function body(r: Random, lang: Lang, paragraphs = 2 + r.int(3)): string[] {
  const pool = lang === 'en' ? EN_SENTENCES : SV_SENTENCES;
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const count = 3 + r.int(3);
    out.push(Array.from({ length: count }, () => r.pick(pool)).join(' '));
  }
  return out;
}
