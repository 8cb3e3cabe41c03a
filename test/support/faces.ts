import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** ../shared/faces beside the checkout (CI lays it there). */
export const sharedFacesDir = path.resolve(repoRoot, '..', 'shared', 'faces');

export const hasSharedFaces = (): boolean => fs.existsSync(path.join(sharedFacesDir, 'pairs.csv'));

/**
 * Tests that need the shared photos call this in a describe block:
 * in CI a missing folder fails loudly; elsewhere the tests skip with a notice.
 */
export const requireSharedFaces = (): boolean => {
  if (hasSharedFaces()) return true;
  if (process.env['CI'] === 'true' || process.env['CI'] === '1') {
    throw new Error(`CI: the shared face photos are missing at ${sharedFacesDir}; CI must lay ../shared beside the clone.`);
  }
  console.warn(`[notice] skipping: shared face photos not found at ${sharedFacesDir}`);
  return false;
};

export const facePath = (relative: string): string => path.join(sharedFacesDir, relative);

export interface FacePair {
  readonly a: string;
  readonly b: string;
  readonly same: boolean;
}

export const readPairs = (): FacePair[] =>
  fs
    .readFileSync(path.join(sharedFacesDir, 'pairs.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [a = '', b = '', same = '0'] = line.split(',');
      return { a, b, same: same.trim() === '1' };
    });

/** A plain upright frontal JPEG with one face, used as the reference in many tests. */
export const referenceFace = 'person_01/deepface__img1.jpg';
export const otherPersonFace = 'person_02/deepface__img26.jpg';
export { repoRoot };
