// One essay of the review queue: file name, why it is here, the current student, the evidence lines of its
// excerpt (the whole excerpt on demand), numbered suggestions and the actions. Every string from the API
// goes in as text (dom.js never uses innerHTML).
import { h } from '../dom.js';
import { evidenceLines, isDecided, needOf, splitName } from '../reviewQueue.js';
import { highlighted, rangesIn } from './highlight.js';

const UNKNOWN = 'unknown';

const WHY = {
  none: 'No suggestion',
  ambiguous: 'Ambiguous',
  low: 'Not sure',
  confident: 'Confident',
  pending: 'Being matched',
};

const REASONS = {
  no_name_found: 'No author name was found in the essay or its file name.',
  not_in_roster: 'A name was found, but it matches nobody in the class.',
  ambiguous: 'Several students match about equally well.',
  error: 'The essay could not be matched.',
};

const CHOICE_KIND = { teacher: 'chosen by you', suggested: 'suggested', unknown: 'chosen by you', none: 'no student yet' };
const METHOD = { human: 'confirmed by a teacher', timeout: 'decided automatically at the deadline', auto: 'decided automatically' };

const percent = (score) => `${Math.round(score * 100)}%`;

export function essayCard(a, ctx, on, { compact = false } = {}) {
  const id = a.essay_id;
  const need = needOf(a);
  const draft = ctx.drafts[id];
  const expanded = Boolean(ctx.review.expanded[id]);
  const filename = a.filename ?? '(no file name)';
  const fileEvidence = a.evidence.filter((e) => e.source === 'filename');
  const isCurrent = ctx.current === id;
  return h('article', {
    class: `essay need-${need}${isCurrent ? ' current' : ''}${isDecided(a) ? ' decided' : ''}${expanded ? ' expanded' : ''}`,
    id: `essay-${id}`, tabindex: '-1', 'aria-labelledby': `essay-title-${id}`, 'aria-current': isCurrent ? 'true' : null, 'data-need': need,
  },
  h('h4', { id: `essay-title-${id}`, class: 'file' }, highlighted(filename, rangesIn(filename, fileEvidence))),
  // In the confident group the group says why; a row is just file → student.
  !compact && h('p', { class: 'why' }, h('span', { class: `tag tag-need-${need}` }, WHY[need]), a.no_match_reason && ` ${REASONS[a.no_match_reason] ?? ''}`),
  h('p', { class: 'current', id: `current-${id}` }, 'Student: ', ...studentLine(a, draft, ctx.list.roster)),
  (!compact || expanded) && excerptBlock(a, expanded),
  (!compact || expanded) && suggestionList(a, ctx, on),
  h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'link', id: `expand-${id}`, 'aria-expanded': String(expanded), onClick: () => on.toggle(id) },
      compact ? (expanded ? 'Hide evidence' : 'Show evidence') : (expanded ? 'Show only the evidence lines' : 'Show the whole excerpt')),
    ctx.editable && (!compact || expanded) && actions(a, ctx, on, draft)),
  );
}

/** Before validation: the current choice, and the unsaved one if the teacher made one. After: the final student. */
function studentLine(a, draft, roster) {
  if (a.validation_method) return [h('strong', null, a.student_name ?? 'Unknown student'), ` (${METHOD[a.validation_method] ?? a.validation_method})`];
  const c = a.current_choice;
  const top = c.kind === 'suggested' ? a.suggestions.find((s) => s.student_id === c.student_id) : undefined;
  const line = [h('strong', null, c.student_name ?? (c.kind === 'unknown' ? 'Unknown student' : '—')), ` (${CHOICE_KIND[c.kind] ?? c.kind}${top ? `, ${percent(top.confidence_score)}` : ''})`];
  if (draft === undefined) return line;
  const name = draft === UNKNOWN ? 'Unknown student' : roster.find((s) => s.student_id === draft)?.name ?? 'a student';
  return [...line, h('span', { class: 'unsaved' }, ` → ${name}, not saved yet (Enter saves)`)];
}

function excerptBlock(a, expanded) {
  if (!a.excerpt) return h('p', { class: 'hint' }, '(no text)');
  const textEvidence = a.evidence.filter((e) => e.source === 'text');
  if (expanded) return h('blockquote', { class: 'excerpt' }, highlighted(a.excerpt, rangesIn(a.excerpt, textEvidence)));
  return h('blockquote', { class: 'excerpt lines' }, evidenceLines(a.excerpt, textEvidence).map((line) => h('span', { class: 'line' }, highlighted(line, rangesIn(line, textEvidence)))));
}

function suggestionList(a, ctx, on) {
  if (a.status === 'awaiting_suggestions') return h('p', { class: 'hint' }, 'Waiting for suggestions…');
  if (a.suggestions.length === 0) return null;
  const picked = ctx.drafts[a.essay_id] ?? a.current_choice.student_id;
  return h('ol', { class: 'choices', 'aria-label': `Suggestions for ${a.filename ?? 'this essay'}` }, a.suggestions.slice(0, 3).map((s, i) => h('li', null,
    h('button', {
      type: 'button', class: 'choice', id: `choose-${a.essay_id}-${i + 1}`, disabled: !ctx.editable, 'aria-pressed': String(picked === s.student_id),
      onClick: () => on.choose(a.essay_id, s.student_id),
    },
    h('kbd', null, String(i + 1)), ' ', h('span', { class: 'name' }, s.student_name), ' ', h('span', { class: 'confidence' }, `${percent(s.confidence_score)} confidence`)),
    s.match_reasons?.length > 0 && h('span', { class: 'reasons' }, ` ${s.match_reasons.map((r) => r.replace(/_/g, ' ')).join(', ')}`),
  )));
}

function actions(a, ctx, on, draft) {
  const id = a.essay_id;
  const stated = a.no_match_reason === 'not_in_roster' ? a.evidence.find((e) => e.source === 'text' && e.snippet)?.snippet : undefined;
  return [
    h('button', { type: 'button', id: `search-${id}`, onClick: () => on.search(id) }, 'Find in roster ', h('kbd', null, '/')),
    h('button', { type: 'button', id: `unknown-${id}`, 'aria-pressed': String(draft === UNKNOWN), onClick: () => on.choose(id, UNKNOWN) }, 'Unknown ', h('kbd', null, 'u')),
    stated && splitName(stated).last_name && h('button', { type: 'button', id: `add-student-${id}`, onClick: () => on.addStudent(id, stated) }, `Add “${stated}” to the class and assign…`),
    draft !== undefined && h('button', { type: 'button', id: `save-${id}`, class: 'primary', onClick: () => on.save(id, draft) }, 'Save ', h('kbd', null, 'Enter')),
  ];
}
