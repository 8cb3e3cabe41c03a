import { Box, Text } from 'ink';
import { useTheme } from '../app-context.js';
import type { RawImage } from '../../core/image/raw-image.js';
import { halfBlockLines } from '../lib/half-blocks.js';

/** Pixels drawn with half-blocks (two pixels per cell) or, without colour, a character ramp. */
export const FaceImage = ({ image, caption }: { readonly image: RawImage; readonly caption?: string }) => {
  const theme = useTheme();
  const lines = halfBlockLines(image, theme.depth, theme.charset);
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        // Lines are positional: the index is the identity.
        <Text key={i}>{line}</Text>
      ))}
      {caption === undefined ? null : <Text {...theme.muted}>{caption}</Text>}
    </Box>
  );
};
