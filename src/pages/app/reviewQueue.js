// The review queue's order (issue 12): essays that need the teacher first — no suggestion, then ambiguous,
// then below the confidence at which the deadline would keep a suggestion — and the confident rest in one
// group. Pure functions of the association list, so the order is the same on every render.

/** The deadline keeps a suggestion from this confidence on (matching AUTO_CONFIRM_THRESHOLD). */
export const CONFIDENT = 0.7;

const NEED_RANK = { none: 0, ambiguous: 1, low: 2 };

/** Why an essay is where it is: pending | none | ambiguous | low | confident. */
export function needOf(a) {
  if (a.status === 'awaiting_suggestions') return 'pending';
  const top = a.suggestions[0];
  if (!top) return 'none';
  if (a.no_match_reason === 'ambiguous') return 'ambiguous';
  if (a.no_match_reason || top.confidence_score < CONFIDENT) return 'low';
  return 'confident';
}

export function reviewQueue(associations) {
  const items = associations.map((a, index) => ({ a, index, need: needOf(a) }));
  const needs = items.filter((i) => i.need in NEED_RANK).sort((x, y) => NEED_RANK[x.need] - NEED_RANK[y.need] || x.index - y.index);
  return {
    needs: needs.map((i) => i.a),
    confident: items.filter((i) => i.need === 'confident').map((i) => i.a),
    pending: items.filter((i) => i.need === 'pending').map((i) => i.a),
  };
}

/** The teacher has decided this essay (a pick or "unknown"), or the batch decided it for good. */
export const isDecided = (a) => Boolean(a.validation_method) || a.current_choice.kind === 'teacher' || a.current_choice.kind === 'unknown';

/** The essays j/k walk through: the needs, then the confident ones when their group is open. */
export function walkOrder(queue, confidentOpen) {
  return [...queue.needs, ...(confidentOpen ? queue.confident : [])].map((a) => a.essay_id);
}

/** The next essay after `fromId` that still needs a decision (and has none in flight), or null. */
export function nextUndecided(queue, fromId, drafts) {
  const open = queue.needs.filter((a) => !isDecided(a) && !(a.essay_id in drafts)).map((a) => a.essay_id);
  const order = queue.needs.map((a) => a.essay_id);
  const from = order.indexOf(fromId);
  return open.find((id) => order.indexOf(id) > from) ?? open[0] ?? null;
}

/** The lines of the excerpt that hold text evidence (the first line when none does), for the collapsed card. */
export function evidenceLines(excerpt, textEvidence) {
  const lines = excerpt.split('\n').filter((line) => line.trim());
  const marked = lines.filter((line) => textEvidence.some((e) => e.snippet && line.includes(e.snippet)));
  return marked.length > 0 ? marked : lines.slice(0, 1);
}

/** First and last name for "add to the class", from a stated name that matched nobody ("Zed Zebra"). */
export function splitName(stated) {
  const words = stated.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return { first_name: words[0] ?? '', last_name: '' };
  return { first_name: words.slice(0, -1).join(' '), last_name: words[words.length - 1] };
}
