/**
 * Who holds which sockets, as a small @xstate/store: the per-user limit is the `add` transition
 * refusing (store.can), and subscribers (the sockets gauge) react to every change without the hub
 * having to remember to update them.
 */
import { createStore } from '@xstate/store';
import type { Session } from './session.js';

type ByUser = Readonly<Record<string, readonly Session[]>>;

interface RegistryContext {
  teachers: ByUser;
  operators: ByUser;
}

export interface SocketCounts {
  teacher: number;
  operator: number;
}

export interface SocketRegistry {
  /** False when the user already holds the maximum number of sockets (nothing changes then). */
  tryAdd(session: Session): boolean;
  remove(session: Session): void;
  /** The sockets a notification of `teacherId` goes to: that teacher's and every operator's. */
  audienceOf(teacherId: string): Session[];
  /** Cheap check before fetching a row nobody here would receive. */
  wants(teacherId: string): boolean;
  all(): Session[];
  onChange(listener: (counts: SocketCounts) => void): () => void;
}

const groupOf = (session: Session): keyof RegistryContext => (session.role === 'teacher' ? 'teachers' : 'operators');
const flat = (byUser: ByUser) => Object.values(byUser).flat();

export function createSocketRegistry(maxPerUser: number): SocketRegistry {
  const store = createStore({
    context: { teachers: {}, operators: {} } as RegistryContext,
    on: {
      add: (context, event: { session: Session }) => {
        const group = groupOf(event.session);
        const held = context[group][event.session.userId] ?? [];
        if (held.length >= maxPerUser) return undefined; // refused: store.can.add(...) is false
        return { ...context, [group]: { ...context[group], [event.session.userId]: [...held, event.session] } };
      },
      remove: (context, event: { session: Session }) => {
        const group = groupOf(event.session);
        const { [event.session.userId]: held = [], ...others } = context[group];
        const left = held.filter((s) => s !== event.session);
        return { ...context, [group]: left.length > 0 ? { ...others, [event.session.userId]: left } : others };
      },
    },
  });
  const context = () => store.getSnapshot().context;
  return {
    tryAdd(session) {
      if (!store.can.add({ session })) return false;
      store.trigger.add({ session });
      return true;
    },
    remove: (session) => store.trigger.remove({ session }),
    audienceOf: (teacherId) => [...(context().teachers[teacherId] ?? []), ...flat(context().operators)],
    wants: (teacherId) => (context().teachers[teacherId]?.length ?? 0) > 0 || Object.keys(context().operators).length > 0,
    all: () => [...flat(context().teachers), ...flat(context().operators)],
    onChange(listener) {
      const subscription = store.subscribe((snapshot) => listener({ teacher: flat(snapshot.context.teachers).length, operator: flat(snapshot.context.operators).length }));
      return () => subscription.unsubscribe();
    },
  };
}
