import { Box, Text } from 'ink';
import { useSyncExternalStore } from 'react';
import { useServices, useTheme } from '../../app/app-context.js';
import { ChoiceList } from '../../app/components/choice-list.js';
import { PathPrompt } from '../../app/components/path-prompt.js';
import { hint, moveHint } from '../../app/keymap.js';
import { formatMs } from '../../app/lib/format.js';
import type { ScreenProps } from '../../app/screen-props.js';
import { useScreenMode } from '../../app/use-screen-mode.js';
import { BatchView, BenchView, EmbedResultView, ValidationView } from './model-results.js';
import { ModelTable } from './model-table.js';
import { useModelInput } from './use-model-input.js';
import { modelTasks, useModelState } from './use-model-state.js';

const promptLabels = { embed: 'Image to embed:', batch: 'Folder to embed:', bench: 'Image to benchmark:' } as const;

/** 1 · Model & embeddings. */
export const ModelScreen = ({ active }: ScreenProps) => {
  const theme = useTheme();
  const services = useServices();
  const boot = useSyncExternalStore(services.boot.subscribe, services.boot.snapshot);
  const [state, actions, current] = useModelState();
  useModelInput(active, state, current, actions);
  const prompting = state.prompt !== null;
  useScreenMode(
    'model',
    prompting,
    !prompting && state.view === 'models',
    prompting
      ? [hint('submit'), hint('complete'), hint('cancel')]
      : [moveHint('task'), hint('select', 'run'), ...(state.view === 'models' ? [] : [hint('back', 'models')])],
  );
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text {...theme.heading}>Models</Text>
        <Text {...theme.muted}>
          {' '}
          {boot.modelDir ?? ''}
          {boot.readyMs === null ? '' : ` · ready in ${formatMs(boot.readyMs)}`}
          {boot.engine === null ? '' : ` · ${boot.engine.workers} worker(s)`}
        </Text>
      </Text>
      <ChoiceList choices={modelTasks} selected={state.selected} active={active && !prompting} />
      {state.prompt === null ? null : (
        <PathPrompt
          label={promptLabels[state.prompt.task]}
          value={state.prompt.value}
          onChange={actions.editPrompt}
          onSubmit={actions.submitPrompt}
          onCancel={actions.cancelPrompt}
          active={active}
          defaultValue={state.prompt.task === 'batch' ? state.lastFolder : state.lastImage}
          cwd={process.cwd()}
        />
      )}
      <Box marginTop={1} flexDirection="column">
        {state.view === 'models' ? <ModelTable boot={boot} /> : null}
        {state.view === 'embed' ? <EmbedResultView run={state.embed} /> : null}
        {state.view === 'batch' ? <BatchView batch={state.batch} /> : null}
        {state.view === 'validate' ? <ValidationView summary={state.validation} /> : null}
        {state.view === 'bench' ? <BenchView run={state.bench} progress={state.benchProgress} /> : null}
      </Box>
    </Box>
  );
};
