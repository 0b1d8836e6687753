/**
 * Enumerates the field paths of a sample payload so a test can remove or mistype each one and check that
 * the reason names exactly that field. Paths use `[0]` for the first array element; patterns use `[]`.
 */
export type Segment = string | number;

export interface FieldPath {
  segments: Segment[];
  /** `data.match_results[0].essay_id` — how the contracts module names the field in a reason. */
  label: string;
  /** `match_results[].essay_id` — used to declare optional and free-form fields per topic. */
  pattern: string;
  /** true for an element of a list of primitives (it can be mistyped, not "missing"). */
  element: boolean;
  value: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every key (and the first element of every list), not descending into `opaque` patterns (free-form maps). */
export function fieldPaths(value: Record<string, unknown>, opaque: readonly string[] = []): FieldPath[] {
  const out: FieldPath[] = [];
  const visit = (node: unknown, segments: Segment[], label: string, pattern: string): void => {
    if (opaque.includes(pattern)) return;
    if (isPlainObject(node)) {
      for (const [key, child] of Object.entries(node)) {
        const childPattern = pattern === '' ? key : `${pattern}.${key}`;
        out.push({ segments: [...segments, key], label: `${label}.${key}`, pattern: childPattern, element: false, value: child });
        visit(child, [...segments, key], `${label}.${key}`, childPattern);
      }
    } else if (Array.isArray(node) && node.length > 0) {
      const first: unknown = node[0];
      if (!isPlainObject(first)) {
        out.push({ segments: [...segments, 0], label: `${label}[0]`, pattern: `${pattern}[]`, element: true, value: first });
      }
      visit(first, [...segments, 0], `${label}[0]`, `${pattern}[]`);
    }
  };
  visit(value, [], 'data', '');
  return out;
}

/** A JSON value of a different type than `value` (a number for strings and null, text for everything else). */
export function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string' || value === null) return 42;
  if (typeof value === 'number') return 'forty-two';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'not-a-list';
  return 'not-an-object';
}

function parentOf(root: Record<string, unknown>, segments: Segment[]): Record<string | number, unknown> {
  let node: unknown = root;
  for (const segment of segments.slice(0, -1)) node = (node as Record<string | number, unknown>)[segment];
  return node as Record<string | number, unknown>;
}

/** A deep copy of `root` without the field at `segments`. */
export function without(root: Record<string, unknown>, segments: Segment[]): Record<string, unknown> {
  const copy = structuredClone(root);
  const last = segments[segments.length - 1];
  if (last !== undefined) delete parentOf(copy, segments)[last];
  return copy;
}

/** A deep copy of `root` with the field at `segments` set to `value`. */
export function withValue(root: Record<string, unknown>, segments: Segment[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(root);
  const last = segments[segments.length - 1];
  if (last !== undefined) parentOf(copy, segments)[last] = value;
  return copy;
}

/** The part of a reason about one field, e.g. `Required` for `data.batch_id: Required`. */
export function reasonFor(reason: string, label: string): string | undefined {
  const prefix = `${label}: `;
  return reason.split('; ').find((part) => part.startsWith(prefix))?.slice(prefix.length);
}
