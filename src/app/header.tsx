import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { useSyncExternalStore } from 'react';
import { useAppState, useLayout, useServices, useTheme } from './app-context.js';
import type { BootState } from './boot.js';
import { formatBytes, truncate } from './lib/format.js';
import { screenCatalog } from './screen-catalog.js';
import type { StoreStatus } from './store-status.js';
import { formatThreshold } from '../core/format-threshold.js';

type Status = { readonly texts: readonly string[]; readonly state: 'busy' | 'ok' | 'error' };

/** Each status as texts from the fullest to the shortest; the header uses the longest set that fits. */
const modelsStatus = (boot: BootState): Status => {
  switch (boot.phase) {
    case 'starting':
    case 'checking': {
      const checked = boot.models.filter((m) => m.phase !== 'checking').length;
      return { texts: [`models checking ${checked}/${boot.models.length}`, `checking ${checked}/${boot.models.length}`], state: 'busy' };
    }
    case 'fetching': {
      const d = boot.download;
      const bytes = d === null ? '' : ` ${formatBytes(d.received)}${d.total === undefined ? '' : `/${formatBytes(d.total)}`}`;
      return { texts: [`models fetching${bytes}`, `fetching${bytes}`, d === null || d.total === undefined ? 'fetching' : `fetch ${Math.floor((100 * d.received) / d.total)}%`], state: 'busy' };
    }
    case 'loading':
      return { texts: ['models loading', 'loading'], state: 'busy' };
    case 'ready':
      return { texts: [`models ready (${boot.engine?.modelId ?? '?'} ${boot.engine?.dim ?? '?'}-d)`, 'models ready', 'ready'], state: 'ok' };
    case 'failed':
      return { texts: [`models FAILED: ${boot.error?.code ?? ''}`, 'models FAILED', 'FAILED'], state: 'error' };
  }
};

const storeStatusOf = (store: StoreStatus): Status => {
  switch (store.phase) {
    case 'waiting':
      return { texts: ['store waiting', 'waiting'], state: 'busy' };
    case 'opening':
      return { texts: ['store opening', 'opening'], state: 'busy' };
    case 'open': {
      const people = store.people === null ? '' : ` ${store.people} ${store.people === 1 ? 'person' : 'people'}`;
      const bad = store.corrupt > 0 ? `, ${store.corrupt} damaged` : '';
      const count = store.people === null ? '' : ` ${store.people}`;
      return {
        texts: [`store ${store.kind ?? ''}${people}${bad}`, `${store.kind ?? 'store'}${people}${store.corrupt > 0 ? `, ${store.corrupt} bad` : ''}`, `${store.kind ?? 'store'}${count}${store.corrupt > 0 ? '!' : ''}`],
        state: store.corrupt > 0 ? 'error' : 'ok',
      };
    }
    case 'failed':
      return { texts: [`store FAILED: ${store.error?.code ?? ''}`, 'store FAILED', 'FAILED'], state: 'error' };
  }
};

const SEPARATOR = ' │ ';

/**
 * The status texts to show in `columns`: each part at the fullest level that
 * lets the whole line fit (the shortest levels last), each never longer than it
 * has room for. Icons take 2 columns per part.
 */
export const fitStatus = (parts: readonly (readonly string[])[], columns: number): string[] => {
  const levels = Math.max(...parts.map((p) => p.length));
  const pick = (level: number): string[] => parts.map((p) => p[Math.min(level, p.length - 1)] ?? '');
  const widthOf = (texts: readonly string[]): number => texts.reduce((sum, t) => sum + t.length, 0) + SEPARATOR.length * (texts.length - 1) + 2 * (texts.length - 1);
  for (let level = 0; level < levels; level++) {
    const texts = pick(level);
    if (widthOf(texts) <= columns) return texts;
  }
  const shortest = pick(levels - 1);
  const room = Math.max(3, Math.floor((columns - SEPARATOR.length * (parts.length - 1) - 2 * (parts.length - 1)) / parts.length));
  return shortest.map((t) => truncate(t, room));
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
  const models = modelsStatus(boot);
  const storeLine = storeStatusOf(store);
  const styleOf = (state: 'busy' | 'ok' | 'error') => (state === 'ok' ? theme.ok : state === 'error' ? theme.error : theme.busy);
  const adopted = threshold.source === 'adopted';
  const value = formatThreshold(threshold.value);
  const [modelsText = '', storeText = '', thresholdText = ''] = fitStatus(
    [models.texts, storeLine.texts, [`threshold ${value}${adopted ? ' (adopted)' : ''}`, `threshold ${value}${adopted ? '*' : ''}`, `t ${value}${adopted ? '*' : ''}`]],
    columns - 2,
  );
  return (
    <Box flexDirection="column" width={columns}>
      <Text wrap="truncate-end">
        <Text {...theme.title}>face-auth-tui </Text>
        {screenCatalog.map((s) => (
          <Text key={s.id} {...(s.id === view ? theme.tabActive : theme.tab)}>
            {` ${s.number} ${narrow && s.id !== view ? '' : s.short} `}
          </Text>
        ))}
        {view === 'menu' ? <Text {...theme.muted}> · menu</Text> : null}
      </Text>
      <Text wrap="truncate-end">
        <Text {...styleOf(models.state)}>{models.state === 'busy' ? <Spinner type="dots" /> : models.state === 'ok' ? '●' : '✖'} </Text>
        {modelsText}
        <Text {...theme.muted}>{SEPARATOR}</Text>
        <Text {...styleOf(storeLine.state)}>{storeLine.state === 'busy' ? '○' : storeLine.state === 'ok' ? '●' : '✖'} </Text>
        {storeText}
        <Text {...theme.muted}>{SEPARATOR}</Text>
        {thresholdText}
      </Text>
    </Box>
  );
};
