/** A tiny reducer-backed store outside React, read with useSyncExternalStore. */
export interface ExternalStore<S, E> {
  readonly snapshot: () => S;
  readonly subscribe: (listener: () => void) => () => void;
  readonly dispatch: (event: E) => void;
}

export const createExternalStore = <S, E>(initial: S, reduce: (state: S, event: E) => S): ExternalStore<S, E> => {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    snapshot: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch: (event) => {
      const next = reduce(state, event);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
  };
};
