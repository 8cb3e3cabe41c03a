import { Box, Text } from 'ink';
import { useLayout, useTheme } from '../../app/app-context.js';
import { PathPrompt } from '../../app/components/path-prompt.js';
import { hint, moveHint } from '../../app/keymap.js';
import type { ScreenProps } from '../../app/screen-props.js';
import { useScreenMode } from '../../app/use-screen-mode.js';
import { EntryTable, FiguresLine, IntegrityView, RecordView, RunStatus } from './storage-views.js';
import { useStorageInput } from './use-storage-input.js';
import { useStorageState, visibleEntries } from './use-storage-state.js';

/** 4 · Storage: browse, search, open, delete, integrity. */
export const StorageScreen = ({ active }: ScreenProps) => {
  const theme = useTheme();
  const { bodyRows } = useLayout();
  const [state, actions, current] = useStorageState(active);
  const pageSize = Math.max(3, bodyRows - 8);
  useStorageInput(active, state, current, actions, pageSize);
  const confirming = state.confirm !== null;
  useScreenMode(
    'storage',
    state.searching,
    !state.searching && !confirming && state.view === 'list',
    state.searching
      ? [hint('submit', 'keep filter'), hint('cancel', 'clear')]
      : confirming
        ? [hint('confirm', 'delete'), hint('deny', 'keep')]
        : state.view === 'list'
          ? [moveHint('select'), hint('select', 'open'), hint('search'), hint('remove'), hint('integrity'), hint('pageDown', 'page'), hint('refresh')]
          : [hint('back', 'list'), ...(state.view === 'record' ? [hint('remove')] : [])],
  );
  const entries = visibleEntries(state);
  return (
    <Box flexDirection="column">
      <Text>
        <Text {...theme.heading}>Enrolled people</Text>
        {state.search === '' ? null : <Text {...theme.muted}> · search "{state.search}"</Text>}
      </Text>
      {state.listing.status === 'done' ? <FiguresLine figures={state.listing.result.figures} /> : null}
      {state.listing.status === 'failed' ? <RunStatus label="store" error={state.listing.error} /> : null}
      {state.searching ? (
        <PathPrompt label="Search:" value={state.search} onChange={actions.editSearch} onSubmit={() => actions.endSearch(true)} onCancel={() => actions.endSearch(false)} active={active} />
      ) : null}
      {confirming ? (
        <Text {...theme.warn}>
          Delete {state.confirm} and all their templates? This cannot be undone. (y/n)
        </Text>
      ) : null}
      {state.notice === null ? null : <Text {...(state.notice.ok ? theme.ok : theme.error)}>{state.notice.text}</Text>}
      <Box marginTop={1} flexDirection="column">
        {state.view === 'list' ? (
          state.listing.status === 'idle' || (state.listing.status === 'running' && entries.length === 0) ? (
            <RunStatus label="reading the store" />
          ) : (
            <EntryTable entries={entries} selected={state.selected} pageSize={pageSize} active={active && !state.searching} search={state.search} />
          )
        ) : null}
        {state.view === 'record' && state.record.status === 'running' ? <RunStatus label="reading the record (verifying checksums)" /> : null}
        {state.view === 'record' && state.record.status === 'failed' ? <RunStatus label="record" error={state.record.error} /> : null}
        {state.view === 'record' && state.record.status === 'done' ? <RecordView detail={state.record.result} /> : null}
        {state.view === 'integrity' && state.integrity.status === 'running' ? <RunStatus label="reading every record back" progress={state.progress} /> : null}
        {state.view === 'integrity' && state.integrity.status === 'failed' ? <RunStatus label="integrity check" error={state.integrity.error} /> : null}
        {state.view === 'integrity' && state.integrity.status === 'done' ? <IntegrityView report={state.integrity.result} /> : null}
      </Box>
    </Box>
  );
};
