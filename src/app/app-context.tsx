/**
 * One context to read app state, one to change it, one for the services, the
 * theme and the layout. Each hook throws when used outside its provider.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { AppServices } from './services.js';
import type { Theme } from './theme.js';
import type { AppActions, AppState } from './use-app-state.js';

/** The space a screen may draw in. */
export interface Layout {
  readonly columns: number;
  readonly rows: number;
  /** Rows left for the screen body between header, footer and log pane. */
  readonly bodyRows: number;
}

const StateContext = createContext<AppState | undefined>(undefined);
const ActionsContext = createContext<AppActions | undefined>(undefined);
const ServicesContext = createContext<AppServices | undefined>(undefined);
const ThemeContext = createContext<Theme | undefined>(undefined);
const LayoutContext = createContext<Layout | undefined>(undefined);

const required = <T,>(value: T | undefined, name: string): T => {
  if (value === undefined) throw new Error(`${name} must be used inside <AppProviders>`);
  return value;
};

export const useAppState = (): AppState => required(useContext(StateContext), 'useAppState');
export const useAppActions = (): AppActions => required(useContext(ActionsContext), 'useAppActions');
export const useServices = (): AppServices => required(useContext(ServicesContext), 'useServices');
export const useTheme = (): Theme => required(useContext(ThemeContext), 'useTheme');
export const useLayout = (): Layout => required(useContext(LayoutContext), 'useLayout');

export interface AppProvidersProps {
  readonly state: AppState;
  readonly actions: AppActions;
  readonly services: AppServices;
  readonly theme: Theme;
  readonly layout: Layout;
  readonly children: ReactNode;
}

export const AppProviders = ({ state, actions, services, theme, layout, children }: AppProvidersProps) => (
  <ServicesContext.Provider value={services}>
    <ThemeContext.Provider value={theme}>
      <ActionsContext.Provider value={actions}>
        <StateContext.Provider value={state}>
          <LayoutContext.Provider value={layout}>{children}</LayoutContext.Provider>
        </StateContext.Provider>
      </ActionsContext.Provider>
    </ThemeContext.Provider>
  </ServicesContext.Provider>
);
