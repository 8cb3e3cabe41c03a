import { Box, Text, useApp, useStdout } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import { AppProviders, type Layout } from './app-context.js';
import { ErrorBoundary } from './error-boundary.js';
import { Footer } from './footer.js';
import { Header } from './header.js';
import { HelpView } from './help-view.js';
import { LogPane } from './log-pane.js';
import { Menu } from './menu.js';
import { screenCatalog } from './screen-catalog.js';
import { screenHelp, screenKeys, screenViews } from './screens.js';
import type { AppServices } from './services.js';
import { createTheme } from './theme.js';
import { initialAppState, useAppStateReducer, type View } from './use-app-state.js';
import { useGlobalInput } from './use-global-input.js';
import { useTerminalSize, type TerminalSize } from './use-terminal-size.js';

export interface AppProps {
  readonly services: AppServices;
  /** For NO_COLOR / COLORTERM (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  readonly initialView?: View;
  /** Size when the output stream does not report one (tests). Default 100x40. */
  readonly fallbackSize?: TerminalSize;
  /**
   * Called when the user quits: q or Ctrl+C (force: Ctrl+C pressed twice;
   * interrupted: by Ctrl+C, which exits 130 as a shell expects).
   */
  readonly onQuit?: (force: boolean, interrupted: boolean) => void;
}

const defaultSize: TerminalSize = { columns: 100, rows: 40 };

/**
 * After a resize the terminal has reflowed the old frame, so Ink's line-based
 * erase no longer matches what is on screen: clear it and repaint in full.
 */
const useRepaintOnResize = (size: TerminalSize): void => {
  const { write } = useStdout();
  const previous = useRef(size);
  useEffect(() => {
    if (previous.current.columns === size.columns && previous.current.rows === size.rows) return;
    previous.current = size;
    write('\u001B[2J\u001B[3J\u001B[H');
  }, [size, write]);
};

/** Rows the log pane shows (plus its title line). */
const logRowsFor = (rows: number): number => Math.max(2, Math.min(8, Math.floor(rows / 5)));

/** The workbench: header, the menu or a screen (or help), the log pane, the footer. */
export const App = ({ services, env = process.env, initialView, fallbackSize = defaultSize, onQuit }: AppProps) => {
  const theme = useMemo(() => createTheme(env), [env]);
  const [state, actions, current] = useAppStateReducer(() =>
    initialAppState({ threshold: services.config.verification.threshold, logOpen: services.verbose, ...(initialView === undefined ? {} : { view: initialView }) }),
  );
  const { exit } = useApp();
  const size = useTerminalSize(fallbackSize);
  useRepaintOnResize(size);
  useGlobalInput(current, actions);

  useEffect(() => {
    services.start();
  }, [services]);

  useEffect(() => {
    if (!state.quitting) return;
    onQuit?.(state.interrupts >= 2, state.interrupts >= 1);
    exit();
  }, [state.quitting, state.interrupts, onQuit, exit]);

  const height = Math.max(8, size.rows - 1);
  const logRows = state.logOpen ? logRowsFor(size.rows) : 0;
  const bodyRows = Math.max(3, height - 3 - 1 - (state.logOpen ? logRows + 1 : 0));
  const layout: Layout = { columns: size.columns, rows: size.rows, bodyRows };

  return (
    <AppProviders state={state} actions={actions} services={services} theme={theme} layout={layout}>
      <Box flexDirection="column" width={size.columns} height={height}>
        <Header />
        <Text {...theme.muted}>{'─'.repeat(size.columns)}</Text>
        <Box flexDirection="column" height={bodyRows} overflow="hidden">
          {/* flexShrink 0: content taller than the body is clipped, never squeezed (Yoga would overlap the lines). */}
          {state.helpOpen ? (
            // Scrolled by moving the help up inside the clipped body (↑↓, PgUp/PgDn).
            <Box flexShrink={0} flexDirection="column" marginTop={-state.helpScroll}>
              <HelpView help={screenHelp} keys={screenKeys} />
            </Box>
          ) : null}
          {state.view === 'menu' && !state.helpOpen ? (
            <Box flexShrink={0} flexDirection="column">
              <Menu active />
            </Box>
          ) : null}
          {screenCatalog
            .filter((s) => state.visited.includes(s.id))
            .map((s) => {
              const Screen = screenViews[s.id];
              const shown = s.id === state.view && !state.helpOpen;
              return (
                <Box key={s.id} display={shown ? 'flex' : 'none'} flexDirection="column" height={bodyRows} overflow="hidden">
                  <Box flexShrink={0} flexDirection="column">
                    <ErrorBoundary name={s.title} verbose={services.verbose} shown={shown}>
                      <Screen active={shown && !state.quitting} />
                    </ErrorBoundary>
                  </Box>
                </Box>
              );
            })}
        </Box>
        {state.logOpen ? <LogPane height={logRows} /> : null}
        <Footer />
      </Box>
    </AppProviders>
  );
};
