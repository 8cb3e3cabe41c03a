import { Text } from 'ink';
import type { ScreenProps } from '../../app/screen-props.js';

export const StorageScreen = ({ active }: ScreenProps) => <Text>Storage screen {active ? '(active)' : ''}</Text>;
