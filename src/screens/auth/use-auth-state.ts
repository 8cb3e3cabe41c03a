/**
 * Auth console state: the task list, the prompts (name, image paths), a
 * delete confirmation, and the last output (banner, lists, stats, attempts).
 */
import path from 'node:path';
import { useCallback, useMemo } from 'react';
import { useAppState, useServices } from '../../app/app-context.js';
import { useSyncedReducer } from '../../app/use-synced-reducer.js';
import { describeError, type ErrorInfo } from '../../app/lib/errors.js';
import { resolveInputPath, resolveSinglePath, splitPaths } from '../../app/lib/path-complete.js';
import type { RegisterOptions } from '../../core/auth/index.js';
import type { RecordSummary } from '../../core/store/face-store.js';
import { recentAttempts, type AuthOutput } from './auth-tasks.js';

export const authTasks = [
  { id: 'register', label: 'Register', description: 'a name and one or more photos of the person' },
  { id: 'authenticate', label: 'Authenticate', description: 'a photo: ACCEPTED or DENIED, with score and margin' },
  { id: 'list', label: 'List', description: 'everyone enrolled' },
  { id: 'delete', label: 'Delete', description: 'remove a person (asks first)' },
  { id: 'stats', label: 'Stats', description: 'store and attempt figures' },
  { id: 'attempts', label: 'Recent attempts', description: 'the audit log, newest first' },
] as const;

export type AuthTaskId = (typeof authTasks)[number]['id'];
export type PromptKind = 'registerName' | 'registerImages' | 'authenticate' | 'deleteName';

export interface AuthPrompt {
  readonly kind: PromptKind;
  readonly value: string;
  /** The name typed in the first register prompt. */
  readonly name?: string;
}

export type AuthRun =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly label: string }
  | { readonly status: 'done'; readonly output: AuthOutput }
  | { readonly status: 'failed'; readonly error: ErrorInfo };

/** The person a delete will remove: the enrolled spelling, and the storage key it goes by. */
export interface DeleteTarget {
  readonly name: string;
  readonly key: string;
  /** "2 templates", or "a damaged record". */
  readonly what: string;
  readonly damaged: boolean;
}

export interface RegisterRetry {
  readonly name: string;
  readonly files: readonly string[];
  /** ALREADY_ENROLLED offers add and replace; COLLISION offers register anyway. */
  readonly code: 'ALREADY_ENROLLED' | 'COLLISION';
}

export interface AuthState {
  readonly selected: number;
  readonly prompt: AuthPrompt | null;
  readonly confirmDelete: DeleteTarget | null;
  /** A word about the last key (an empty name, a delete kept), shown until the next action. */
  readonly notice: string | null;
  /**
   * A registration refused because the name is enrolled or the face matches someone else:
   * what `a` (add the photos) or `f` (force: replace, or register anyway) would do again.
   */
  readonly retry: RegisterRetry | null;
  readonly run: AuthRun;
  readonly lastProbe: string;
}

export type AuthAction =
  | { readonly type: 'move'; readonly step: 1 | -1 }
  | { readonly type: 'prompt'; readonly kind: PromptKind; readonly name?: string }
  | { readonly type: 'editPrompt'; readonly value: string }
  | { readonly type: 'closePrompt' }
  | { readonly type: 'askDelete'; readonly target: DeleteTarget }
  | { readonly type: 'notice'; readonly text: string }
  | { readonly type: 'retry'; readonly retry: RegisterRetry | null }
  | { readonly type: 'closeConfirm' }
  | { readonly type: 'run'; readonly run: AuthRun }
  | { readonly type: 'remember'; readonly probe: string };

export const initialAuthState = (defaults: { probe: string }): AuthState => ({
  selected: 0,
  prompt: null,
  confirmDelete: null,
  notice: null,
  retry: null,
  run: { status: 'idle' },
  lastProbe: defaults.probe,
});

export const authReducer = (state: AuthState, action: AuthAction): AuthState => {
  switch (action.type) {
    case 'move':
      return { ...state, notice: null, retry: null, selected: (state.selected + action.step + authTasks.length) % authTasks.length };
    case 'prompt':
      return { ...state, notice: null, retry: null, prompt: { kind: action.kind, value: '', ...(action.name === undefined ? {} : { name: action.name }) } };
    case 'editPrompt':
      return state.prompt === null ? state : { ...state, notice: null, prompt: { ...state.prompt, value: action.value } };
    case 'closePrompt':
      return { ...state, prompt: null };
    case 'askDelete':
      return { ...state, prompt: null, notice: null, confirmDelete: action.target };
    case 'closeConfirm':
      return { ...state, confirmDelete: null };
    case 'notice':
      return { ...state, notice: action.text };
    case 'retry':
      return { ...state, retry: action.retry };
    case 'run':
      return { ...state, notice: null, retry: action.run.status === 'running' ? null : state.retry, run: action.run };
    case 'remember':
      return { ...state, lastProbe: action.probe };
  }
};

export interface AuthActions {
  readonly moveUp: () => void;
  readonly moveDown: () => void;
  readonly chooseSelected: () => void;
  readonly editPrompt: (value: string) => void;
  /** Enter in a prompt: uses the typed text, or the last one for photo prompts. */
  readonly submitPrompt: () => void;
  readonly cancelPrompt: () => void;
  readonly confirmDelete: () => void;
  readonly cancelDelete: () => void;
  /** After a refused registration: add the photos to the enrolled person, or force it (replace / despite a collision). */
  readonly retryRegister: (how: 'add' | 'force') => void;
}

const ATTEMPTS_SHOWN = 12;

/** The entry `delete <typed>` means: the person of that name (any case), else a damaged record by its key. */
export const deleteTargetFor = (entries: readonly RecordSummary[], typed: string): DeleteTarget | undefined => {
  const folded = typed.normalize('NFC').toLowerCase();
  const entry = entries.find((e) => e.key === folded) ?? entries.find((e) => e.key === typed) ?? entries.find((e) => (e.name ?? '').normalize('NFC').toLowerCase() === folded);
  if (entry === undefined) return undefined;
  if (entry.status === 'corrupt') return { name: entry.name ?? entry.key, key: entry.key, what: 'a damaged record', damaged: true };
  return { name: entry.name, key: entry.key, what: `${entry.templates} template${entry.templates === 1 ? '' : 's'}`, damaged: false };
};

export const useAuthState = (): [AuthState, AuthActions, () => AuthState] => {
  const services = useServices();
  const { threshold } = useAppState();
  const [state, dispatch, current] = useSyncedReducer(authReducer, () => {
    const faces = services.defaultFacesDir();
    const face = (relative: string): string => (faces === null ? '' : path.join(faces, relative));
    return initialAuthState({
      probe: face('person_01/deepface__img11.jpg'),
    });
  });

  const perform = useCallback(
    async (label: string, work: () => Promise<AuthOutput>, changesStore = false) => {
      dispatch({ type: 'run', run: { status: 'running', label } });
      try {
        dispatch({ type: 'run', run: { status: 'done', output: await work() } });
      } catch (error) {
        dispatch({ type: 'run', run: { status: 'failed', error: describeError(error) } });
      }
      if (changesStore) await services.refreshStoreStats();
    },
    [services, dispatch],
  );

  const auth = useCallback(() => services.auth(threshold.value), [services, threshold.value]);

  /** Registers, and when the name is taken or the face matches someone else, offers add / force. */
  const register = useCallback(
    async (name: string, files: readonly string[], options: RegisterOptions) => {
      const how = options.add === true ? 'adding to' : options.force === true ? 'registering (forced)' : 'registering';
      await perform(`${how} ${name} (${files.length} photo${files.length === 1 ? '' : 's'})`, async () => {
        const outcome = await (await auth()).register(name, files, options);
        const offer = outcome.status === 'refused' && (outcome.code === 'ALREADY_ENROLLED' || outcome.code === 'COLLISION') && options.force !== true;
        dispatch({ type: 'retry', retry: offer ? { name, files, code: outcome.code } : null });
        return { kind: 'register', outcome };
      }, true);
    },
    [perform, auth, dispatch],
  );

  const actions = useMemo<AuthActions>(
    () => ({
      moveUp: () => dispatch({ type: 'move', step: -1 }),
      moveDown: () => dispatch({ type: 'move', step: 1 }),
      chooseSelected: () => {
        const task = authTasks[current().selected]?.id ?? 'register';
        if (task === 'register') dispatch({ type: 'prompt', kind: 'registerName' });
        else if (task === 'authenticate') dispatch({ type: 'prompt', kind: 'authenticate' });
        else if (task === 'delete') dispatch({ type: 'prompt', kind: 'deleteName' });
        else if (task === 'list') void perform('reading the store', async () => ({ kind: 'list', entries: await (await auth()).list() }));
        else if (task === 'stats') void perform('counting', async () => ({ kind: 'stats', stats: await (await auth()).stats() }));
        else void perform('reading the audit log', async () => recentAttempts(await auth(), ATTEMPTS_SHOWN));
      },
      editPrompt: (value) => dispatch({ type: 'editPrompt', value }),
      submitPrompt: () => {
        const { prompt, lastProbe } = current();
        if (prompt === null) return;
        const typed = prompt.value.trim();
        // Registering writes to the store: it never runs on a default, only on photos typed for it.
        const text = typed !== '' ? typed : prompt.kind === 'authenticate' ? lastProbe : '';
        if (text === '') {
          dispatch({ type: 'notice', text: prompt.kind === 'registerName' || prompt.kind === 'deleteName' ? 'type a name first (Esc cancels)' : 'type a photo path first (Tab completes, Esc cancels)' });
          return;
        }
        const cwd = process.cwd();
        switch (prompt.kind) {
          case 'registerName':
            dispatch({ type: 'prompt', kind: 'registerImages', name: text });
            return;
          case 'registerImages': {
            const name = prompt.name ?? '';
            dispatch({ type: 'closePrompt' });
            const files = splitPaths(text).map((p) => resolveInputPath(p, cwd));
            void register(name, files, {});
            return;
          }
          case 'authenticate': {
            const { path: file, words } = resolveSinglePath(text, cwd);
            if (words > 1) {
              dispatch({ type: 'notice', text: 'one photo at a time: authenticate judges a single face' });
              return;
            }
            dispatch({ type: 'closePrompt' });
            dispatch({ type: 'remember', probe: text });
            void perform(`authenticating ${file}`, async () => ({ kind: 'authenticate', file, decision: await (await auth()).authenticate(file) }));
            return;
          }
          case 'deleteName': {
            dispatch({ type: 'closePrompt' });
            // Ask only about someone who is there, by the spelling they were enrolled with.
            void (async () => {
              try {
                const entries = await (await auth()).list();
                const target = deleteTargetFor(entries, text);
                if (target === undefined) dispatch({ type: 'run', run: { status: 'done', output: { kind: 'delete', name: text, removed: false } } });
                else dispatch({ type: 'askDelete', target });
              } catch (error) {
                dispatch({ type: 'run', run: { status: 'failed', error: describeError(error) } });
              }
            })();
            return;
          }
        }
      },
      cancelPrompt: () => dispatch({ type: 'closePrompt' }),
      confirmDelete: () => {
        const target = current().confirmDelete;
        dispatch({ type: 'closeConfirm' });
        if (target === null) return;
        void perform(
          `deleting ${target.name}`,
          async () => {
            const service = await auth();
            // A damaged record goes by its storage key: its name may be unreadable or not match it.
            const removed = target.damaged ? await service.deleteKey(target.key) : await service.delete(target.name);
            return { kind: 'delete', name: target.name, removed };
          },
          true,
        );
      },
      retryRegister: (how) => {
        const { retry } = current();
        if (retry === null || (how === 'add' && retry.code !== 'ALREADY_ENROLLED')) return;
        void register(retry.name, retry.files, how === 'add' ? { add: true } : { force: true });
      },
      cancelDelete: () => {
        const target = current().confirmDelete;
        dispatch({ type: 'closeConfirm' });
        if (target !== null) dispatch({ type: 'notice', text: `kept ${target.name}` });
      },
    }),
    [current, dispatch, perform, auth, register],
  );
  return [state, actions, current];
};
