import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ErrorBoundary } from './error-boundary.js';

const Thrower = ({ boom }: { readonly boom: boolean }) => {
  if (boom) throw new Error('kaboom');
  return <Text>screen works</Text>;
};

describe('ErrorBoundary', () => {
  it('shows a crashed screen as a bug, and starts it afresh once it has been left and shown again', () => {
    const view = (shown: boolean, boom: boolean) => (
      <ErrorBoundary name="Test" verbose={false} shown={shown}>
        <Thrower boom={boom} />
      </ErrorBoundary>
    );
    const ui = render(view(true, true));
    expect(ui.lastFrame()).toContain('The Test screen crashed (a bug): kaboom');
    ui.rerender(view(true, false));
    expect(ui.lastFrame()).toContain('crashed'); // still shown: the crash stays on screen
    ui.rerender(view(false, false));
    ui.rerender(view(true, false));
    expect(ui.lastFrame()).toBe('screen works');
    ui.unmount();
  });
});
