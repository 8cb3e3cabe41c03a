import { Box, Text } from 'ink';
import { Component, type ReactNode } from 'react';
import { getErrorMessage } from '../core/errors.js';

interface Props {
  readonly name: string;
  readonly verbose: boolean;
  /** While false (the screen is not shown) a crashed screen is reset: coming back to it starts it afresh. */
  readonly shown: boolean;
  readonly children: ReactNode;
}

interface State {
  readonly error: unknown;
}

/** A screen that crashes shows its error; the shell and the other screens go on. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidUpdate(previous: Props): void {
    if (previous.shown && !this.props.shown && this.state.error !== undefined) this.setState({ error: undefined });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    const stack = error instanceof Error ? error.stack : undefined;
    return (
      <Box flexDirection="column">
        <Text bold>✖ The {this.props.name} screen crashed (a bug): {getErrorMessage(error)}</Text>
        <Text>Other screens still work: press 1-5 or Tab; coming back here starts this screen afresh. Run with --verbose to see the stack.</Text>
        {this.props.verbose && stack !== undefined ? <Text wrap="truncate-end">{stack}</Text> : null}
      </Box>
    );
  }
}
