import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { useSyncExternalStore } from 'react';
import { useAppState, useLayout, useServices, useTheme } from './app-context.js';
import type { BootState } from './boot.js';
import { formatBytes, truncate } from './lib/format.js';
import { screenCatalog } from './screen-catalog.js';
import type { StoreStatus } from './store-status.js';

const modelsText = (boot: BootState): { text: string; state: 'busy' | 'ok' | 'error' } => {
  switch (boot.phase) {
    case 'starting':
    case 'checking': {
      const checked = boot.models.filter((m) => m.phase !== 'checking').length;
      return { text: `models checking ${checked}/${boot.models.length}`, state: 'busy' };
    }
    case 'fetching': {
      const d = boot.download;
      return { text: `models fetching${d === null ? '' : ` ${formatBytes(d.received)}${d.total === undefined ? '' : `/${formatBytes(d.total)}`}`}`, state: 'busy' };
    }
    case 'loading':
      return { text: 'models loading', state: 'busy' };
    case 'ready':
      return { text: `models ready (${boot.engine?.modelId ?? '?'} ${boot.engine?.dim ?? '?'}-d)`, state: 'ok' };
    case 'failed':
      return { text: `models FAILED: ${boot.error?.code ?? ''}`, state: 'error' };
  }
};

const storeText = (store: StoreStatus): { text: string; state: 'busy' | 'ok' | 'error' } => {
  switch (store.phase) {
    case 'waiting':
      return { text: 'store waiting', state: 'busy' };
    case 'opening':
      return { text: 'store opening', state: 'busy' };
    case 'open': {
      const people = store.people === null ? '' : ` ${store.people} ${store.people === 1 ? 'person' : 'people'}`;
      const bad = store.corrupt > 0 ? `, ${store.corrupt} damaged` : '';
      return { text: `store ${store.kind ?? ''}${people}${bad}`, state: store.corrupt > 0 ? 'error' : 'ok' };
    }
    case 'failed':
      return { text: `store FAILED: ${store.error?.code ?? ''}`, state: 'error' };
  }
};

/** Product, the tab strip with the current screen, and model / store / threshold status. */
export const Header = () => {
  const theme = useTheme();
  const { view, threshold } = useAppState();
  const { columns } = useLayout();
  const services = useServices();
  const boot = useSyncExternalStore(services.boot.subscribe, services.boot.snapshot);
  const store = useSyncExternalStore(services.storeStatus.subscribe, services.storeStatus.snapshot);
  const narrow = columns < 78;
  const models = modelsText(boot);
  const storeLine = storeText(store);
  const styleOf = (state: 'busy' | 'ok' | 'error') => (state === 'ok' ? theme.ok : state === 'error' ? theme.error : theme.busy);
  const thresholdText = `threshold ${threshold.value.toFixed(2)}${threshold.source === 'adopted' ? ' (adopted)' : ''}`;
  const statusBudget = Math.max(10, columns - 4);
  return (
    <Box flexDirection="column" width={columns}>
      <Box>
        <Text {...theme.title}>face-auth-tui </Text>
        {screenCatalog.map((s) => (
          <Text key={s.id} {...(s.id === view ? theme.tabActive : theme.tab)}>
            {` ${s.number} ${narrow && s.id !== view ? '' : s.short} `}
          </Text>
        ))}
        {view === 'menu' ? <Text {...theme.muted}> · menu</Text> : null}
      </Box>
      <Box>
        <Text {...styleOf(models.state)}>{models.state === 'busy' ? <Spinner type="dots" /> : models.state === 'ok' ? '●' : '✖'} </Text>
        <Text wrap="truncate-end">{truncate(models.text, Math.floor(statusBudget / 2))}</Text>
        <Text {...theme.muted}> │ </Text>
        <Text {...styleOf(storeLine.state)}>{storeLine.state === 'busy' ? '○' : storeLine.state === 'ok' ? '●' : '✖'} </Text>
        <Text wrap="truncate-end">{storeLine.text}</Text>
        <Text {...theme.muted}> │ </Text>
        <Text wrap="truncate-end">{thresholdText}</Text>
      </Box>
    </Box>
  );
};
