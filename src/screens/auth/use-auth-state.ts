/**
 * Auth console state: the task list, the prompts (name, image paths), a
 * delete confirmation, and the last output (banner, lists, stats, attempts).
 */
import path from 'node:path';
import { useCallback, useMemo } from 'react';
import { useAppState, useServices } from '../../app/app-context.js';
import { useSyncedReducer } from '../../app/use-synced-reducer.js';
import { describeError, type ErrorInfo } from '../../app/lib/errors.js';
import { resolveInputPath, splitPaths } from '../../app/lib/path-complete.js';
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

export interface AuthState {
  readonly selected: number;
  readonly prompt: AuthPrompt | null;
  readonly confirmDelete: DeleteTarget | null;
  /** A word about the last key (an empty name, a delete kept), shown until the next action. */
  readonly notice: string | null;
  readonly run: AuthRun;
  readonly lastImages: string;
  readonly lastProbe: string;
}

export type AuthAction =
  | { readonly type: 'move'; readonly step: 1 | -1 }
  | { readonly type: 'prompt'; readonly kind: PromptKind; readonly name?: string }
  | { readonly type: 'editPrompt'; readonly value: string }
  | { readonly type: 'closePrompt' }
  | { readonly type: 'askDelete'; readonly target: DeleteTarget }
  | { readonly type: 'notice'; readonly text: string }
  | { readonly type: 'closeConfirm' }
  | { readonly type: 'run'; readonly run: AuthRun }
  | { readonly type: 'remember'; readonly images?: string; readonly probe?: string };

export const initialAuthState = (defaults: { images: string; probe: string }): AuthState => ({
  selected: 0,
  prompt: null,
  confirmDelete: null,
  notice: null,
  run: { status: 'idle' },
  lastImages: defaults.images,
  lastProbe: defaults.probe,
});

export const authReducer = (state: AuthState, action: AuthAction): AuthState => {
  switch (action.type) {
    case 'move':
      return { ...state, notice: null, selected: (state.selected + action.step + authTasks.length) % authTasks.length };
    case 'prompt':
      return { ...state, notice: null, prompt: { kind: action.kind, value: '', ...(action.name === undefined ? {} : { name: action.name }) } };
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
    case 'run':
      return { ...state, notice: null, run: action.run };
    case 'remember':
      return { ...state, lastImages: action.images ?? state.lastImages, lastProbe: action.probe ?? state.lastProbe };
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
      images: faces === null ? '' : `${face('person_01/deepface__img1.jpg')} ${face('person_01/deepface__img10.jpg')}`,
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
        const { prompt, lastImages, lastProbe } = current();
        if (prompt === null) return;
        const typed = prompt.value.trim();
        const text = typed !== '' ? typed : prompt.kind === 'registerImages' ? lastImages : prompt.kind === 'authenticate' ? lastProbe : '';
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
            dispatch({ type: 'remember', images: text });
            const files = splitPaths(text).map((p) => resolveInputPath(p, cwd));
            void perform(`registering ${name} (${files.length} photo${files.length === 1 ? '' : 's'})`, async () => ({ kind: 'register', outcome: await (await auth()).register(name, files) }), true);
            return;
          }
          case 'authenticate': {
            dispatch({ type: 'closePrompt' });
            dispatch({ type: 'remember', probe: text });
            const file = resolveInputPath(text, cwd);
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
      cancelDelete: () => {
        const target = current().confirmDelete;
        dispatch({ type: 'closeConfirm' });
        if (target !== null) dispatch({ type: 'notice', text: `kept ${target.name}` });
      },
    }),
    [current, dispatch, perform, auth],
  );
  return [state, actions, current];
};
