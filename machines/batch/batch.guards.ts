import type { BatchContext, ContentProvisioned, ContentRejected } from './batch.types.js';

export const isGuest = (context: BatchContext) => context.classId === null;

export const hasFreeSlot = (context: BatchContext) => context.slots.some((slot) => slot.status === 'awaiting');

export const firstFreeSlot = (context: BatchContext) => context.slots.find((slot) => slot.status === 'awaiting')?.essayId ?? null;

/** The same file (same content key) fills one slot only: re-uploads are idempotent. */
export const isNewContent = (context: BatchContext, event: ContentProvisioned | ContentRejected) =>
  hasFreeSlot(context) && !context.slots.some((slot) => slot.contentKey === event.contentKey);

export const allSlotsSettled = (context: BatchContext) => context.slots.every((slot) => slot.status !== 'awaiting');

export const noneProvisioned = (context: BatchContext) => !context.slots.some((slot) => slot.status === 'provisioned');

export const provisionedEssayIds = (context: BatchContext) =>
  context.slots.filter((slot) => slot.status === 'provisioned').map((slot) => slot.essayId);

export const isProvisionedEssay = (context: BatchContext, essayId: string) =>
  context.slots.some((slot) => slot.essayId === essayId && slot.status === 'provisioned');

/** A confirmation must name every provisioned essay exactly once (the API fills in unlisted ones). */
export const coversEveryEssay = (context: BatchContext, associations: { essayId: string }[]) => {
  const expected = provisionedEssayIds(context).sort();
  const given = associations.map((a) => a.essayId).sort();
  return expected.length === given.length && expected.every((id, i) => id === given[i]);
};
