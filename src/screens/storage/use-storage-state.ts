/**
 * Storage screen state: the listing (paged, searchable), one opened record,
 * a pending delete confirmation, and the integrity check.
 */
import { useCallback, useEffect, useMemo } from 'react';
import { useAppState, useServices } from '../../app/app-context.js';
import { useSyncedReducer } from '../../app/use-synced-reducer.js';
import { describeError, type ErrorInfo } from '../../app/lib/errors.js';
import type { RecordSummary } from '../../core/store/face-store.js';
import { checkIntegrity, labelOf, matchesSearch, openRecord, readListing, type IntegrityReport, type Listing, type RecordDetail } from './storage-tasks.js';

export type Run<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'running' }
  | { readonly status: 'done'; readonly result: T }
  | { readonly status: 'failed'; readonly error: ErrorInfo };

export interface StorageState {
  readonly listing: Run<Listing>;
  readonly search: string;
  readonly searching: boolean;
  /** Index into the filtered entries. */
  readonly selected: number;
  readonly view: 'list' | 'record' | 'integrity';
  /** The name waiting for y/n. */
  readonly confirm: string | null;
  readonly record: Run<RecordDetail>;
  readonly integrity: Run<IntegrityReport>;
  readonly progress: { readonly done: number; readonly total: number };
  readonly notice: { readonly text: string; readonly ok: boolean } | null;
}

export type StorageAction =
  | { readonly type: 'listing'; readonly run: Run<Listing> }
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'startSearch' }
  | { readonly type: 'editSearch'; readonly value: string }
  | { readonly type: 'endSearch'; readonly keep: boolean }
  | { readonly type: 'record'; readonly run: Run<RecordDetail> }
  | { readonly type: 'askDelete'; readonly name: string }
  | { readonly type: 'cancelDelete' }
  | { readonly type: 'deleted'; readonly name: string; readonly removed: boolean }
  | { readonly type: 'deleteFailed'; readonly error: ErrorInfo }
  | { readonly type: 'integrity'; readonly run: Run<IntegrityReport> }
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'showList' };

export const initialStorageState: StorageState = {
  listing: { status: 'idle' },
  search: '',
  searching: false,
  selected: 0,
  view: 'list',
  confirm: null,
  record: { status: 'idle' },
  integrity: { status: 'idle' },
  progress: { done: 0, total: 0 },
  notice: null,
};

/** The entries the search lets through. */
export const visibleEntries = (state: StorageState): readonly RecordSummary[] =>
  state.listing.status === 'done' ? state.listing.result.entries.filter((e) => matchesSearch(e, state.search)) : [];

const clampSelection = (state: StorageState): StorageState => {
  const count = visibleEntries(state).length;
  const selected = Math.max(0, Math.min(count - 1, state.selected));
  return selected === state.selected ? state : { ...state, selected };
};

export const storageReducer = (state: StorageState, action: StorageAction): StorageState => {
  switch (action.type) {
    case 'listing':
      return clampSelection({ ...state, listing: action.run });
    case 'move':
      return clampSelection({ ...state, selected: state.selected + action.by, notice: null });
    case 'startSearch':
      return { ...state, searching: true, notice: null };
    case 'editSearch':
      return clampSelection({ ...state, search: action.value, selected: 0 });
    case 'endSearch':
      return clampSelection({ ...state, searching: false, ...(action.keep ? {} : { search: '', selected: 0 }) });
    case 'record':
      return { ...state, view: 'record', record: action.run };
    case 'askDelete':
      return { ...state, confirm: action.name, notice: null };
    case 'cancelDelete':
      return { ...state, confirm: null, notice: { text: 'kept', ok: true } };
    case 'deleted':
      return {
        ...state,
        confirm: null,
        view: 'list',
        notice: action.removed ? { text: `deleted ${action.name}`, ok: true } : { text: `${action.name} was already gone`, ok: false },
      };
    case 'deleteFailed':
      return { ...state, confirm: null, notice: { text: `${action.error.code}: ${action.error.message}`, ok: false } };
    case 'integrity':
      return { ...state, view: 'integrity', integrity: action.run };
    case 'progress':
      return { ...state, progress: { done: action.done, total: action.total } };
    case 'showList':
      return { ...state, view: 'list' };
  }
};

export interface StorageActions {
  readonly move: (by: number) => void;
  readonly startSearch: () => void;
  readonly editSearch: (value: string) => void;
  readonly endSearch: (keep: boolean) => void;
  readonly openSelected: () => void;
  readonly askDelete: () => void;
  readonly confirmDelete: () => void;
  readonly cancelDelete: () => void;
  readonly integrityCheck: () => void;
  readonly reload: () => void;
  readonly showList: () => void;
}

export const useStorageState = (active: boolean): [StorageState, StorageActions, () => StorageState] => {
  const services = useServices();
  const { threshold } = useAppState();
  const [state, dispatch, current] = useSyncedReducer(storageReducer, () => initialStorageState);

  const reload = useCallback(async () => {
    dispatch({ type: 'listing', run: { status: 'running' } });
    try {
      const store = await services.store();
      dispatch({ type: 'listing', run: { status: 'done', result: await readListing(store) } });
    } catch (error) {
      dispatch({ type: 'listing', run: { status: 'failed', error: describeError(error) } });
    }
    // The header's people count too: another process may have changed the store.
    await services.refreshStoreStats();
  }, [services, dispatch]);

  // The listing is read whenever the screen is shown (other screens may have registered or deleted people).
  useEffect(() => {
    if (active) void reload();
  }, [active, reload]);

  const selectedName = useCallback((): string | undefined => {
    const latest = current();
    const entry = visibleEntries(latest)[latest.selected];
    return entry === undefined ? undefined : labelOf(entry);
  }, [current]);

  const open = useCallback(
    async (name: string) => {
      dispatch({ type: 'record', run: { status: 'running' } });
      try {
        dispatch({ type: 'record', run: { status: 'done', result: await openRecord(await services.store(), name) } });
      } catch (error) {
        dispatch({ type: 'record', run: { status: 'failed', error: describeError(error) } });
      }
    },
    [services, dispatch],
  );

  const remove = useCallback(
    async (name: string) => {
      try {
        const auth = await services.auth(threshold.value);
        // A damaged entry goes by its storage key: its name may be unreadable or not match the key.
        const latest = current();
        const entry = latest.view === 'list' ? visibleEntries(latest)[latest.selected] : undefined;
        const removed = entry?.status === 'corrupt' && labelOf(entry) === name ? await auth.deleteKey(entry.key) : await auth.delete(name);
        dispatch({ type: 'deleted', name, removed });
        services.logger.info(`deleted ${name} from the store`);
      } catch (error) {
        dispatch({ type: 'deleteFailed', error: describeError(error) });
      }
      await reload();
    },
    [services, threshold.value, reload, dispatch, current],
  );

  const integrity = useCallback(async () => {
    dispatch({ type: 'integrity', run: { status: 'running' } });
    try {
      const store = await services.store();
      const report = await checkIntegrity(store, (done, total) => dispatch({ type: 'progress', done, total }));
      dispatch({ type: 'integrity', run: { status: 'done', result: report } });
    } catch (error) {
      dispatch({ type: 'integrity', run: { status: 'failed', error: describeError(error) } });
    }
  }, [services, dispatch]);

  const actions = useMemo<StorageActions>(
    () => ({
      move: (by) => dispatch({ type: 'move', by }),
      startSearch: () => dispatch({ type: 'startSearch' }),
      editSearch: (value) => dispatch({ type: 'editSearch', value }),
      endSearch: (keep) => dispatch({ type: 'endSearch', keep }),
      openSelected: () => {
        const name = selectedName();
        if (name !== undefined) void open(name);
      },
      askDelete: () => {
        const { view, record } = current();
        const name = view === 'record' && record.status === 'done' ? record.result.record.name : selectedName();
        if (name !== undefined) dispatch({ type: 'askDelete', name });
      },
      confirmDelete: () => {
        const { confirm } = current();
        if (confirm !== null) void remove(confirm);
      },
      cancelDelete: () => dispatch({ type: 'cancelDelete' }),
      integrityCheck: () => void integrity(),
      reload: () => void reload(),
      showList: () => dispatch({ type: 'showList' }),
    }),
    [selectedName, open, remove, integrity, reload, dispatch, current],
  );
  return [state, actions, current];
};
