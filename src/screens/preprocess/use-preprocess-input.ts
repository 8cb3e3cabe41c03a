import { useInput } from 'ink';
import { commandFor } from '../../app/keymap.js';
import type { PreprocessActions, PreprocessState } from './use-preprocess-state.js';

/** Enter picks an image, ←/→ step through the pipeline, x runs the experiments, Esc returns to the steps. */
export const usePreprocessInput = (active: boolean, state: PreprocessState, current: () => PreprocessState, actions: PreprocessActions): void => {
  useInput(
    (input, key) => {
      if (current().prompt !== null) return;
      switch (commandFor(input, key, ['select', 'nextStep', 'prevStep', 'experiments', 'back'])) {
        case 'select':
          actions.openPrompt();
          return;
        case 'nextStep':
          actions.nextStep();
          return;
        case 'prevStep':
          actions.previousStep();
          return;
        case 'experiments':
          actions.experiments();
          return;
        case 'back':
          if (current().view === 'experiments') actions.showSteps();
          return;
        case undefined:
          return;
      }
    },
    { isActive: active && state.prompt === null },
  );
};
