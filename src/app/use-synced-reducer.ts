import { useCallback, useReducer, useRef, useState } from 'react';

/**
 * useReducer plus a getter for the state after every action dispatched so far.
 *
 * Ink delivers each key of one read (Down then Enter, text then Enter) to the
 * input handlers one after the other before React has re-rendered, and it
 * subscribes handlers in passive effects: a handler can hold the state of an
 * earlier render. Handlers and actions that read `current()` instead see the
 * effect of the keys before them. The reducer is pure, so running it here as
 * well as in React is safe.
 */
export const useSyncedReducer = <S, A>(reducer: (state: S, action: A) => S, init: () => S): [S, (action: A) => void, () => S] => {
  const [initial] = useState(init);
  const [state, dispatch] = useReducer(reducer, initial);
  const latest = useRef(initial);
  const syncedDispatch = useCallback(
    (action: A) => {
      latest.current = reducer(latest.current, action);
      dispatch(action);
    },
    [reducer],
  );
  const current = useCallback(() => latest.current, []);
  return [state, syncedDispatch, current];
};
