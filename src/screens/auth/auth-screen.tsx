import { Box, Text } from 'ink';
import { useAppState, useLayout, useTheme } from '../../app/app-context.js';
import { BusyLine } from '../../app/components/busy-line.js';
import { ChoiceList } from '../../app/components/choice-list.js';
import { ErrorView } from '../../app/components/error-view.js';
import { PathPrompt } from '../../app/components/path-prompt.js';
import { hint, moveHint } from '../../app/keymap.js';
import type { ScreenProps } from '../../app/screen-props.js';
import { useScreenMode } from '../../app/use-screen-mode.js';
import { AuthOutputView } from './auth-output-view.js';
import { useAuthInput } from './use-auth-input.js';
import { authTasks, useAuthState, type AuthPrompt } from './use-auth-state.js';
import { formatThreshold } from '../../core/format-threshold.js';

const promptLabel = (prompt: AuthPrompt): string => {
  switch (prompt.kind) {
    case 'registerName':
      return 'Name to register:';
    case 'registerImages':
      return `Photos of ${prompt.name ?? ''} (space-separated):`;
    case 'authenticate':
      return 'Photo to authenticate:';
    case 'deleteName':
      return 'Name to delete:';
  }
};

/** 5 · Auth console: register, authenticate, list, delete, stats, recent attempts. */
export const AuthScreen = ({ active }: ScreenProps) => {
  const theme = useTheme();
  const { threshold } = useAppState();
  const { bodyRows } = useLayout();
  const [state, actions, current] = useAuthState();
  useAuthInput(active, state, current, actions);
  const { prompt } = state;
  const confirming = state.confirmDelete !== null;
  useScreenMode(
    'auth',
    prompt !== null,
    prompt === null && !confirming,
    prompt !== null
      ? [hint('submit'), ...(prompt.kind === 'registerImages' || prompt.kind === 'authenticate' ? [hint('complete')] : []), hint('cancel')]
      : confirming
        ? [hint('confirm', 'delete'), hint('deny', 'keep')]
        : [
            moveHint('task'),
            hint('select', 'run'),
            ...(state.retry === null
              ? []
              : state.retry.code === 'ALREADY_ENROLLED'
                ? [hint('addPhotos', `add to ${state.retry.name}`), hint('force', `replace ${state.retry.name}'s templates`)]
                : [hint('force', 'register anyway')]),
          ],
  );
  const isPath = prompt !== null && (prompt.kind === 'registerImages' || prompt.kind === 'authenticate');
  return (
    <Box flexDirection="column">
      <Text>
        <Text {...theme.heading}>Auth console</Text>
        <Text {...theme.muted}>
          {' '}
          1:N over everyone enrolled · threshold {formatThreshold(threshold.value)} ({threshold.source === 'adopted' ? 'adopted on screen 3' : 'from config'})
        </Text>
      </Text>
      {/* On a short terminal, once there is a result, the task list shrinks to the selected task. */}
      <ChoiceList
        choices={authTasks}
        selected={state.selected}
        active={active && prompt === null && !confirming}
        onlySelected={bodyRows < 16 && state.run.status !== 'idle'}
      />
      {prompt === null ? null : (
        <PathPrompt
          label={promptLabel(prompt)}
          value={prompt.value}
          onChange={actions.editPrompt}
          onSubmit={actions.submitPrompt}
          onCancel={actions.cancelPrompt}
          active={active}
          multiple={prompt.kind === 'registerImages'}
          {...(prompt.kind === 'authenticate' ? { defaultValue: state.lastProbe } : {})}
          {...(isPath ? { cwd: process.cwd() } : {})}
        />
      )}
      {state.confirmDelete === null ? null : (
        <Text {...theme.warn}>
          Delete {state.confirmDelete.name} ({state.confirmDelete.what})? (y/n)
        </Text>
      )}
      {state.notice === null ? null : <Text {...theme.muted}>{state.notice}</Text>}
      <Box marginTop={1} flexDirection="column">
        {state.run.status === 'running' ? <BusyLine label={state.run.label} /> : null}
        {state.run.status === 'failed' ? <ErrorView error={state.run.error} /> : null}
        {state.run.status === 'done' ? <AuthOutputView output={state.run.output} rows={Math.max(3, bodyRows - 10)} /> : null}
        {state.retry === null ? null : (
          <Text {...theme.key} wrap="wrap">
            {state.retry.code === 'ALREADY_ENROLLED'
              ? `a: add these photos to ${state.retry.name} · f: replace ${state.retry.name}'s templates with them`
              : `f: register ${state.retry.name} anyway (the audit log records whom the face matched)`}
          </Text>
        )}
      </Box>
    </Box>
  );
};
