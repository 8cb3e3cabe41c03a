import { Text } from 'ink';
import type { ScreenProps } from '../../app/screen-props.js';

export const PreprocessScreen = ({ active }: ScreenProps) => <Text>Preprocess screen {active ? '(active)' : ''}</Text>;
