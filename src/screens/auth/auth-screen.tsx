import { Text } from 'ink';
import type { ScreenProps } from '../../app/screen-props.js';

export const AuthScreen = ({ active }: ScreenProps) => <Text>Auth screen {active ? '(active)' : ''}</Text>;
