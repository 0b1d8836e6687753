/** A short preview of an essay for the teacher's validation page. */

const ELLIPSIS = '…';

/**
 * At most `maxChars` characters from the start of `text`, cut at the last whitespace that fits and ended with "…"
 * when anything was cut (the ellipsis counts towards `maxChars`). A first word longer than the budget is cut hard.
 * Only the head of the text is looked at, so a 20 MB essay costs the same as a short one.
 */
export function excerpt(text: string, maxChars: number): string {
  const limit = Math.floor(maxChars);
  if (!(limit > 0)) return '';
  const head = text.trimStart().slice(0, limit + 1);
  if (head.length <= limit) return head.trimEnd();
  const budget = limit - ELLIPSIS.length;
  // The character just past the budget counts: if it is whitespace, the budget ends exactly on a word boundary.
  let cut = budget;
  while (cut > 0 && !/\s/.test(head.charAt(cut))) cut--;
  const kept = cut > 0 ? head.slice(0, cut).trimEnd() : head.slice(0, budget);
  // Never leave half a surrogate pair (an emoji) dangling before the ellipsis.
  const safe = /[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept;
  return `${safe}${ELLIPSIS}`;
}
