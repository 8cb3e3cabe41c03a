import { useInput } from 'ink';
import { commandFor } from '../../app/keymap.js';
import type { ReportActions, ReportState } from './use-evaluation-report.js';
import type { SimilarityActions, SimilarityState } from './use-similarity-state.js';

/**
 * ←/→ move the threshold a small step, ↑/↓ (or Shift+←/→) a big one, [ / ] a
 * fine one; t jumps to the recommended threshold; m switches
 * the metric, a adopts the threshold, w writes it to the config, e shows the
 * edge cases, Enter / o open a folder; Esc leaves the edge cases.
 */
export const useSimilarityInput = (
  active: boolean,
  state: SimilarityState,
  current: () => SimilarityState,
  actions: SimilarityActions,
  report: { readonly current: () => ReportState; readonly actions: ReportActions; readonly rows: number },
): void => {
  useInput(
    (input, key) => {
      const latest = current();
      if (latest.prompt !== null) return;
      if (report.current().shown) {
        switch (commandFor(input, key, ['back', 'fullReport', 'up', 'down', 'pageUp', 'pageDown', 'first', 'last'])) {
          case 'back':
          case 'fullReport':
            report.actions.close();
            return;
          case 'up':
            report.actions.scroll(-1, report.rows);
            return;
          case 'down':
            report.actions.scroll(1, report.rows);
            return;
          case 'pageUp':
            report.actions.scroll(-report.rows, report.rows);
            return;
          case 'pageDown':
            report.actions.scroll(report.rows, report.rows);
            return;
          case 'first':
            report.actions.scroll(-Number.MAX_SAFE_INTEGER, report.rows);
            return;
          case 'last':
            report.actions.scroll(Number.MAX_SAFE_INTEGER, report.rows);
            return;
          default:
            return;
        }
      }
      if (latest.view === 'edge') {
        if (commandFor(input, key, ['back', 'edgeCases']) !== undefined) actions.showHistogram();
        return;
      }
      switch (commandFor(input, key, ['right', 'left', 'coarseUp', 'coarseDown', 'fineUp', 'fineDown', 'recommended', 'metric', 'adopt', 'save', 'edgeCases', 'fullReport', 'select', 'open'])) {
        case 'fullReport':
          if (latest.data !== null) report.actions.open(latest.data.dir);
          return;
        case 'right':
          actions.moveThreshold(1, 'normal');
          return;
        case 'left':
          actions.moveThreshold(-1, 'normal');
          return;
        case 'coarseUp':
          actions.moveThreshold(1, 'coarse');
          return;
        case 'coarseDown':
          actions.moveThreshold(-1, 'coarse');
          return;
        case 'fineUp':
          actions.moveThreshold(1, 'fine');
          return;
        case 'fineDown':
          actions.moveThreshold(-1, 'fine');
          return;
        case 'recommended':
          actions.recommendedThreshold();
          return;
        case 'metric':
          actions.nextMetric();
          return;
        case 'adopt':
          actions.adopt();
          return;
        case 'save':
          actions.save();
          return;
        case 'edgeCases':
          actions.edgeCases();
          return;
        case 'select':
        case 'open':
          actions.openPrompt();
          return;
        default:
          return;
      }
    },
    { isActive: active && state.prompt === null },
  );
};
