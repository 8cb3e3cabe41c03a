import { Box, Text } from 'ink';
import { useLayout, useTheme } from '../../app/app-context.js';
import { FaceImage } from '../../app/components/face-image.js';
import { drawBox, drawPoints } from '../../app/lib/half-blocks.js';
import { formatMs, formatSigned } from '../../app/lib/format.js';
import type { Box as FaceBox, ImageInfo } from '../../core/face/types.js';
import { pipelineSteps } from './preprocess-steps.js';
import type { FullInspection, Inspection, StoppedInspection } from './preprocess-tasks.js';
import { useFittedImage, type FitRequest } from './use-fitted-image.js';

const boxText = (b: FaceBox): string =>
  `(${Math.round(b.x1)},${Math.round(b.y1)})-(${Math.round(b.x2)},${Math.round(b.y2)}) ${Math.round(b.x2 - b.x1)}x${Math.round(b.y2 - b.y1)} px`;

const pointNames = ['left eye', 'right eye', 'nose tip', 'mouth left', 'mouth right'];

const red = [255, 40, 40] as const;
const green = [40, 255, 80] as const;
const yellow = [255, 230, 0] as const;

/** What the image pane shows for a step. */
const imageRequest = (step: string, inspection: Inspection, maxColumns: number, maxRows: number): FitRequest | null => {
  const { preview, previewScale: p } = inspection;
  const base = { maxColumns, maxRows };
  if (step === 'decode') return { ...base, source: preview, key: `${inspection.file}:decode` };
  if (inspection.kind === 'stopped') return step === 'detect' ? { ...base, source: preview, key: `${inspection.file}:detect` } : null;
  const { result, aligned } = inspection;
  if (step === 'detect') {
    return {
      ...base,
      source: preview,
      key: `${inspection.file}:detect`,
      overlay: (image, s) =>
        [...result.rejected.map((f) => ({ box: f.box, colour: yellow })), ...result.faces.map((f, i) => ({ box: f.box, colour: i === 0 ? green : red }))].reduce(
          (img, { box, colour }) => drawBox(img, { x1: box.x1 * p * s, y1: box.y1 * p * s, x2: box.x2 * p * s, y2: box.y2 * p * s }, colour),
          image,
        ),
    };
  }
  if (step === 'landmarks') {
    const { box } = result.chosen;
    const pad = 0.15 * (box.x2 - box.x1);
    const crop = { left: (box.x1 - pad) * p, top: (box.y1 - pad) * p, width: (box.x2 - box.x1 + 2 * pad) * p, height: (box.y2 - box.y1 + 2 * pad) * p };
    const toCrop = (pt: { x: number; y: number }, s: number) => ({ x: (pt.x * p - crop.left) * s, y: (pt.y * p - crop.top) * s });
    return {
      ...base,
      source: preview,
      crop,
      key: `${inspection.file}:landmarks`,
      overlay: (image, s) => drawPoints(drawPoints(image, result.chosen.landmarks.map((pt) => toCrop(pt, s)), green), result.chosen.fivePoints.map((pt) => toCrop(pt, s)), red),
    };
  }
  return { ...base, source: aligned, key: `${inspection.file}:aligned` };
};

const DecodeText = ({ image, ms }: { readonly image: ImageInfo; readonly ms: number }) => {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text>
        format <Text {...theme.value}>{image.format}</Text>
      </Text>
      <Text>
        size <Text {...theme.value}>{image.width}x{image.height}</Text>
      </Text>
      <Text>orientation {image.orientation === 1 ? '1 (upright, nothing to apply)' : `${image.orientation} (applied: pixels rotated/mirrored upright)`}</Text>
      <Text>
        colour {image.sourceSpace} {image.sourceDepth} → 8-bit sRGB
      </Text>
      <Text>alpha {image.hadAlpha ? 'yes: flattened onto the background' : 'no'}</Text>
      <Text {...theme.muted}>decode {formatMs(ms)}</Text>
    </Box>
  );
};

/** The steps of an image that decoded but held no usable face. */
const StoppedText = ({ step, inspection }: { readonly step: string; readonly inspection: StoppedInspection }) => {
  const theme = useTheme();
  if (step === 'decode') return <DecodeText image={inspection.image} ms={inspection.decodeMs} />;
  const { code, message, hint } = inspection.stopped;
  return (
    <Box flexDirection="column">
      {step === 'detect' ? (
        <Text>
          <Text {...theme.value}>0</Text> usable faces found
        </Text>
      ) : (
        <Text {...theme.muted}>not reached: the pipeline stopped at detection</Text>
      )}
      <Text {...theme.error} wrap="wrap">
        ✖ {code}: {message}
      </Text>
      {hint === undefined ? null : (
        <Text {...theme.muted} wrap="wrap">
          → {hint}
        </Text>
      )}
    </Box>
  );
};

const StepText = ({ step, inspection }: { readonly step: string; readonly inspection: FullInspection }) => {
  const theme = useTheme();
  const { result, tensor, normalisation } = inspection;
  const { image, timings } = result;
  // With 16 colours or none the picture is a character ramp: its marks have no colour to name.
  const pixelColours = theme.depth === 'ansi256' || theme.depth === 'truecolor';
  switch (step) {
    case 'decode':
      return <DecodeText image={image} ms={timings.decode} />;
    case 'detect':
      return (
        <Box flexDirection="column">
          <Text>
            <Text {...theme.value}>{result.faces.length}</Text> face{result.faces.length === 1 ? '' : 's'} found, largest first
          </Text>
          {result.faces.slice(0, 4).map((f, i) => (
            <Text key={boxText(f.box)} {...(i === 0 ? theme.ok : {})} wrap="truncate-end">
              #{i + 1} score {f.score.toFixed(3)} {boxText(f.box)}
              {i === 0 ? ' ← used' : ''}
            </Text>
          ))}
          {result.faces.length > 4 ? <Text {...theme.muted}>… {result.faces.length - 4} more</Text> : null}
          {result.rejected.map((f) => (
            <Text key={`r${boxText(f.box)}`} {...theme.warn} wrap="truncate-end">
              rejected: {f.reason}
            </Text>
          ))}
          <Text {...theme.muted}>
            detect {formatMs(timings.detect)} · {pixelColours ? 'green = used, red = others, yellow = too small' : 'boxes in colour on a 256-colour terminal'}
          </Text>
        </Box>
      );
    case 'landmarks':
      return (
        <Box flexDirection="column">
          <Text>
            {pixelColours ? '68 landmarks (green) on the face crop; the 5 alignment points (red):' : '68 landmarks on the face crop (in colour on a 256-colour terminal); the 5 alignment points:'}
          </Text>
          {result.chosen.fivePoints.map((pt, i) => (
            <Text key={pointNames[i]}>
              {(pointNames[i] ?? '').padEnd(12)} ({pt.x.toFixed(1)}, {pt.y.toFixed(1)})
            </Text>
          ))}
          <Text {...theme.muted}>landmarks {formatMs(timings.landmarks)}</Text>
        </Box>
      );
    case 'align':
      return (
        <Box flexDirection="column">
          <Text>
            aligned face <Text {...theme.value}>{inspection.aligned.width}x{inspection.aligned.height}</Text> RGB
          </Text>
          <Text wrap="wrap">Rotated, scaled and shifted (a similarity transform) so that the eyes, nose tip and mouth corners land on fixed template points.</Text>
          <Text {...theme.muted}>align {formatMs(timings.align)}</Text>
        </Box>
      );
    default:
      return (
        <Box flexDirection="column">
          <Text>
            input ({normalisation.colorOrder}): (x - {normalisation.mean[0]}) / {normalisation.std[0]}
          </Text>
          {tensor.map((c) => (
            <Text key={c.channel}>
              {c.channel} min {formatSigned(c.min, 2)} max {formatSigned(c.max, 2)} mean {formatSigned(c.mean, 3)}
            </Text>
          ))}
          <Text>
            embedding {result.embedding.length}-d · raw norm {result.rawNorm.toFixed(2)} → <Text {...theme.value}>1.0000</Text>
          </Text>
          <Text>first {Array.from(result.embedding.subarray(0, 4), (v) => formatSigned(v, 3)).join(' ')} …</Text>
          <Text>liveness {Number.isNaN(result.liveness) ? 'n/a' : result.liveness.toFixed(2)} (experimental)</Text>
          <Text {...theme.muted}>
            embed {formatMs(timings.embed)} · total {formatMs(timings.total)}
          </Text>
        </Box>
      );
  }
};

/** One pipeline step: its picture on the left (half-blocks), its figures on the right. */
export const StepView = ({ inspection, step }: { readonly inspection: Inspection; readonly step: number }) => {
  const theme = useTheme();
  const { columns, bodyRows } = useLayout();
  const info = pipelineSteps[step] ?? pipelineSteps[0];
  const imageColumns = Math.max(16, Math.min(64, Math.floor(columns * 0.45)));
  const imageRows = Math.max(4, bodyRows - 5);
  const request = imageRequest(info.id, inspection, imageColumns, imageRows);
  const image = useFittedImage(request);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text {...theme.heading}>
          Step {step + 1}/{pipelineSteps.length} {info.title}
        </Text>
        <Text {...theme.muted}> {info.what}</Text>
      </Text>
      <Box>
        <Box width={imageColumns + 1} flexShrink={0}>
          {request === null ? null : image === null ? (
            <Text {...theme.muted}>…</Text>
          ) : 'error' in image ? (
            <Text {...theme.error}>the image could not be drawn: {image.error}</Text>
          ) : (
            <FaceImage image={image} />
          )}
        </Box>
        <Box flexDirection="column" flexGrow={1}>
          {inspection.kind === 'full' ? <StepText step={info.id} inspection={inspection} /> : <StoppedText step={info.id} inspection={inspection} />}
        </Box>
      </Box>
    </Box>
  );
};
