// The validation view: each essay with its excerpt and highlighted evidence, the suggestions with their
// confidence, a roster picker with "unknown", confirm, and a countdown to the automatic decision.
import { confirmBatch, saveChoice } from '../actions.js';
import { byId, formatTime, h, replace } from '../dom.js';
import { store, view } from '../store.js';
import { highlighted, rangesIn } from './highlight.js';

const UNKNOWN = 'unknown';

export function mountValidation() {
  view((ctx) => ({ associations: ctx.associations, drafts: ctx.drafts }), ({ associations, drafts }) => {
    byId('validation-panel').hidden = !associations;
    if (!associations) return;
    const editable = associations.state === 'awaitingValidation';
    replace(byId('validation-status'), status(associations));
    replace(byId('association-list'), associations.associations.map((a) => essayCard(a, associations, drafts, editable)));
    replace(byId('confirm-area'), editable && confirmArea(associations, drafts));
    tick();
  });
  // Only the countdown text changes every second; nothing else is re-rendered.
  setInterval(tick, 1000);
}

function status(list) {
  switch (list.state) {
    case 'awaitingMatching':
      return h('p', { id: 'waiting-suggestions' }, 'Finding the author of each essay… the suggestions appear here by themselves.');
    case 'awaitingValidation':
      return h('p', null, 'Check the student for each essay, then confirm. ',
        list.deadline_at && ['Choices not confirmed are applied automatically in ',
          h('strong', { id: 'countdown', 'data-deadline': list.deadline_at }, '…'), ` (at ${formatTime(list.deadline_at)}).`]);
    case 'ready':
      return h('p', { id: 'validation-done' }, 'Confirmed: the batch is ready.');
    default:
      return h('p', null, `The batch is ${list.state}.`);
  }
}

function tick() {
  const el = byId('countdown');
  if (!el) return;
  const left = Math.max(0, Date.parse(el.dataset.deadline) - Date.now());
  const s = Math.floor(left / 1000);
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
  el.textContent = left > 0 ? hms : 'any moment now';
}

const CHOICE_KIND = {
  teacher: 'chosen by you',
  suggested: 'suggested',
  unknown: 'unknown student',
  none: 'no student yet',
};

const REASONS = {
  no_name_found: 'No author name was found in the essay or its file name.',
  not_in_roster: 'A name was found, but it matches nobody in the class.',
  ambiguous: 'Several students match about equally well.',
  error: 'The essay could not be matched.',
};

function essayCard(a, list, drafts, editable) {
  const textEvidence = a.evidence.filter((e) => e.source === 'text');
  const fileEvidence = a.evidence.filter((e) => e.source === 'filename');
  const filename = a.filename ?? '(no file name)';
  return h('article', { class: 'essay', id: `essay-${a.essay_id}`, 'aria-labelledby': `essay-title-${a.essay_id}` },
    h('h3', { id: `essay-title-${a.essay_id}` }, highlighted(filename, rangesIn(filename, fileEvidence))),
    h('p', { class: 'current', id: `current-${a.essay_id}` }, 'Student: ', ...studentLine(a)),
    h('blockquote', { class: 'excerpt' }, a.excerpt ? highlighted(a.excerpt, rangesIn(a.excerpt, textEvidence)) : '(no text)'),
    a.evidence.length > 0 && h('p', { class: 'evidence' }, 'Evidence: ',
      a.evidence.map((e, i) => [i > 0 && '; ', `“${e.snippet}” in the ${e.source === 'filename' ? 'file name' : 'text'}`])),
    suggestions(a),
    editable && picker(a, list, drafts),
  );
}

const METHOD = { human: 'confirmed by a teacher', timeout: 'decided automatically at the deadline', auto: 'decided automatically' };

/** Once validated the final student shows; before that the current choice and where it comes from. */
function studentLine(a) {
  if (a.validation_method) return [h('strong', null, a.student_name ?? 'Unknown student'), ` (${METHOD[a.validation_method] ?? a.validation_method})`];
  const current = a.current_choice;
  return [h('strong', null, current.student_name ?? (current.kind === 'unknown' ? 'Unknown student' : '—')), ` (${CHOICE_KIND[current.kind] ?? current.kind})`];
}

function suggestions(a) {
  if (a.status === 'awaiting_suggestions') return h('p', { class: 'hint' }, 'Waiting for suggestions…');
  if (a.suggestions.length === 0) return h('p', { class: 'hint' }, REASONS[a.no_match_reason] ?? 'No suggestion.');
  return h('div', null,
    a.no_match_reason && h('p', { class: 'hint' }, REASONS[a.no_match_reason]),
    h('ol', { class: 'suggestions', 'aria-label': 'Suggestions' }, a.suggestions.map((s) => h('li', null,
      h('span', null, s.student_name), ' — ', h('strong', { class: 'confidence' }, `${Math.round(s.confidence_score * 100)}% confidence`),
      s.match_reasons?.length > 0 && h('span', { class: 'reasons' }, ` (${s.match_reasons.map((r) => r.replace(/_/g, ' ')).join(', ')})`),
    ))));
}

function picker(a, list, drafts) {
  const id = a.essay_id;
  const current = a.current_choice.student_id ?? (a.current_choice.kind === 'unknown' ? UNKNOWN : '');
  const selected = drafts[id] ?? current;
  const confidence = new Map(a.suggestions.map((s) => [s.student_id, s.confidence_score]));
  const roster = [...list.roster].sort((x, y) => x.name.localeCompare(y.name));
  const select = h('select', {
    id: `pick-${id}`, value: selected,
    onChange: (e) => {
      if (e.target.value === current) store.trigger.clearDraft({ essayId: id });
      else store.trigger.draft({ essayId: id, choice: e.target.value });
    },
  },
  selected === '' && h('option', { value: '' }, '— choose a student —'),
  roster.map((s) => h('option', { value: s.student_id }, confidence.has(s.student_id) ? `${s.name} (${Math.round(confidence.get(s.student_id) * 100)}%)` : s.name)),
  h('option', { value: UNKNOWN }, 'Unknown student (not in this class)'));
  const unsaved = id in drafts;
  return h('div', { class: 'picker' },
    h('label', { for: `pick-${id}` }, `Student for ${a.filename ?? 'this essay'}`),
    select,
    // After saving, the button is disabled and focus would drop to <body>: hand it back to the picker.
    h('button', { type: 'button', id: `save-${id}`, disabled: !unsaved, onClick: () => void saveChoice(id, drafts[id]).then(() => byId(`pick-${id}`)?.focus()) }, 'Save choice'),
    unsaved && h('span', { class: 'unsaved' }, 'Not saved yet'),
  );
}

function confirmArea(list, drafts) {
  const undecided = list.associations.filter((a) => a.current_choice.kind === 'none' && !(a.essay_id in drafts)).length;
  const unsaved = Object.keys(drafts).length;
  return h('div', { class: 'confirm' },
    h('p', null, 'Essays you did not change keep their current student.',
      undecided > 0 && ` ${undecided} essay${undecided === 1 ? ' has' : 's have'} no student yet and will be marked unknown.`,
      unsaved > 0 && ` Your ${unsaved} unsaved choice${unsaved === 1 ? '' : 's'} will be confirmed too.`),
    h('button', { type: 'button', id: 'confirm-associations', class: 'primary', onClick: () => void confirmBatch().then(() => byId('validation-title').focus()) }, `Confirm all ${list.associations.length} essays`),
  );
}
