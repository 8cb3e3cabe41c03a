import { Box, Text } from 'ink';
import { useTheme } from '../../app/app-context.js';
import { BusyLine } from '../../app/components/busy-line.js';
import { ErrorView } from '../../app/components/error-view.js';
import { PathPrompt } from '../../app/components/path-prompt.js';
import { hint } from '../../app/keymap.js';
import type { ScreenProps } from '../../app/screen-props.js';
import { useScreenMode } from '../../app/use-screen-mode.js';
import { ExperimentsView } from './experiments-view.js';
import { StepView } from './preprocess-step-view.js';
import { pipelineSteps } from './preprocess-steps.js';
import { usePreprocessInput } from './use-preprocess-input.js';
import { usePreprocessState } from './use-preprocess-state.js';
import { oneLine } from '../../core/text/safe-text.js';

/** 2 · Preprocessing: one image through the pipeline, step by step, and augmentation experiments. */
export const PreprocessScreen = ({ active }: ScreenProps) => {
  const theme = useTheme();
  const [state, actions, current] = usePreprocessState();
  usePreprocessInput(active, state, current, actions);
  const prompting = state.prompt !== null;
  const loaded = state.load.status === 'done';
  useScreenMode(
    'preprocess',
    prompting,
    !prompting && state.view === 'steps',
    prompting
      ? [hint('submit'), hint('complete'), hint('cancel')]
      : [
          hint('select', 'image'),
          ...(loaded && state.view === 'steps' ? [{ keys: '←→', action: 'step' }, ...(state.load.status === 'done' && state.load.inspection.kind === 'full' ? [hint('experiments')] : [])] : []),
          ...(state.view === 'experiments' ? [hint('back', 'steps')] : []),
        ],
  );
  return (
    <Box flexDirection="column">
      {state.prompt === null ? null : (
        <PathPrompt
          label="Image to inspect:"
          value={state.prompt}
          onChange={actions.editPrompt}
          onSubmit={actions.inspect}
          onCancel={actions.cancelPrompt}
          active={active}
          defaultValue={state.lastImage}
          cwd={process.cwd()}
        />
      )}
      {state.load.status === 'idle' && !prompting ? (
        <Box flexDirection="column">
          <Text {...theme.heading}>Preprocessing</Text>
          <Text>Press Enter to choose an image and follow it through the pipeline:</Text>
          {pipelineSteps.map((s, i) => (
            <Text key={s.id}>
              {'  '}
              {i + 1}. <Text {...theme.value}>{s.title}</Text> <Text {...theme.muted}>{s.what}</Text>
            </Text>
          ))}
          <Text>Then x runs augmentation experiments (flip, rotation, brightness, blur, JPEG quality, input size).</Text>
        </Box>
      ) : null}
      {state.load.status === 'running' ? <BusyLine label={`running the pipeline on ${oneLine(state.load.file)}`} /> : null}
      {state.load.status === 'failed' ? (
        <Box flexDirection="column">
          <Text wrap="truncate-start">{oneLine(state.load.file)}</Text>
          <ErrorView error={state.load.error} title="pipeline" />
        </Box>
      ) : null}
      {state.load.status === 'done' && state.view === 'steps' ? <StepView inspection={state.load.inspection} step={state.step} /> : null}
      {state.load.status === 'done' && state.view === 'experiments' ? <ExperimentsView experiments={state.experiments} /> : null}
    </Box>
  );
};
