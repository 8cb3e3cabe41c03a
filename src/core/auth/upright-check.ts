/**
 * Is the face in a registration photo upright? The landmark model always answers
 * with an upright layout, so its points cannot tell; the embedder can: the norm of
 * its raw output is 3.1 to 4.2 for upright faces on the shared photos (2.5 for the
 * worst) and mostly 1.4 to 2.8 for the same faces turned by 90, 180 or 270 degrees.
 * A photo whose face scores low is embedded turned each way; if one of those looks
 * clearly more like a face, the photo is on its side or upside down (a lost or
 * wrong EXIF orientation) and its template would match no one.
 */
import { augmentImage, type DecodeLimits } from '../image/sharp-codec.js';
import { readImageFile } from '../image/read-file.js';
import type { AuthEngine } from './profile.js';

/** Below this raw norm the face is worth checking (every upright shared photo but four is above). */
export const SUSPECT_NORM = 3.0;
/** A turned copy must beat the photo by this much to count as the upright one. */
const CLEARLY_BETTER = 0.5;

export interface UprightVerdict {
  /** Degrees (clockwise) that make the face upright, or 0 when it already is. */
  readonly turn: 0 | 90 | 180 | 270;
  readonly rawNorm: number;
}

export const checkUpright = async (engine: Pick<AuthEngine, 'embed'>, file: string, rawNorm: number, limits: DecodeLimits): Promise<UprightVerdict> => {
  if (rawNorm >= SUSPECT_NORM) return { turn: 0, rawNorm };
  const bytes = await readImageFile(file);
  let best: UprightVerdict = { turn: 0, rawNorm };
  for (const turn of [90, 180, 270] as const) {
    const turned = await augmentImage(bytes, { kind: 'rotate', degrees: turn }, limits);
    const norm = await engine.embed({ bytes: turned.bytes, name: `${file} turned ${turn}°` }).then(
      (r) => r.rawNorm,
      () => 0, // no face that way round
    );
    if (norm > best.rawNorm) best = { turn, rawNorm: norm };
  }
  return best.turn !== 0 && best.rawNorm >= rawNorm + CLEARLY_BETTER ? best : { turn: 0, rawNorm };
};
