import { Text } from 'ink';
import type { ScreenProps } from '../../app/screen-props.js';

export const SimilarityScreen = ({ active }: ScreenProps) => <Text>Similarity screen {active ? '(active)' : ''}</Text>;
