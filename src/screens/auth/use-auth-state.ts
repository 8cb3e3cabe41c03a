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

export interface AuthState {
  readonly selected: number;
  readonly prompt: AuthPrompt | null;
  readonly confirmDelete: string | null;
  readonly run: AuthRun;
  readonly lastImages: string;
  readonly lastProbe: string;
}

export type AuthAction =
  | { readonly type: 'move'; readonly step: 1 | -1 }
  | { readonly type: 'prompt'; readonly kind: PromptKind; readonly name?: string }
  | { readonly type: 'editPrompt'; readonly value: string }
  | { readonly type: 'closePrompt' }
  | { readonly type: 'askDelete'; readonly name: string }
  | { readonly type: 'closeConfirm' }
  | { readonly type: 'run'; readonly run: AuthRun }
  | { readonly type: 'remember'; readonly images?: string; readonly probe?: string };

export const initialAuthState = (defaults: { images: string; probe: string }): AuthState => ({
  selected: 0,
  prompt: null,
  confirmDelete: null,
  run: { status: 'idle' },
  lastImages: defaults.images,
  lastProbe: defaults.probe,
});

export const authReducer = (state: AuthState, action: AuthAction): AuthState => {
  switch (action.type) {
    case 'move':
      return { ...state, selected: (state.selected + action.step + authTasks.length) % authTasks.length };
    case 'prompt':
      return { ...state, prompt: { kind: action.kind, value: '', ...(action.name === undefined ? {} : { name: action.name }) } };
    case 'editPrompt':
      return state.prompt === null ? state : { ...state, prompt: { ...state.prompt, value: action.value } };
    case 'closePrompt':
      return { ...state, prompt: null };
    case 'askDelete':
      return { ...state, prompt: null, confirmDelete: action.name };
    case 'closeConfirm':
      return { ...state, confirmDelete: null };
    case 'run':
      return { ...state, run: action.run };
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
        if (text === '') return;
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
          case 'deleteName':
            dispatch({ type: 'askDelete', name: text });
            return;
        }
      },
      cancelPrompt: () => dispatch({ type: 'closePrompt' }),
      confirmDelete: () => {
        const name = current().confirmDelete;
        dispatch({ type: 'closeConfirm' });
        if (name !== null) void perform(`deleting ${name}`, async () => ({ kind: 'delete', name, removed: await (await auth()).delete(name) }), true);
      },
      cancelDelete: () => dispatch({ type: 'closeConfirm' }),
    }),
    [current, dispatch, perform, auth],
  );
  return [state, actions, current];
};
