import fs from 'node:fs/promises';
import path from 'node:path';
import { facePath } from './faces.js';

/** Small photos of three people from ../shared/faces (copied into temp folders at test time, never into the repo). */
export const smallDatasetFiles: Readonly<Record<string, readonly string[]>> = {
  person_01: ['person_01/deepface__img5.jpg', 'person_01/deepface__img11.jpg', 'person_01/deepface__img1.jpg'],
  person_02: ['person_02/deepface__img46.jpg', 'person_02/deepface__img44.jpg', 'person_02/deepface__img43.jpg'],
  person_14: ['person_14/face-api.js__amy1.png', 'person_14/face-api.js__amy2.png', 'person_14/face-api.js__amy3.png'],
};

/** The image without a face that `makeSmallDataset` puts into a person folder. */
export const noFaceCopy = 'person_14/no-face-white.png';

export const copyFace = async (relative: string, target: string): Promise<void> => {
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.copyFile(facePath(relative), target);
  await fs.chmod(target, 0o644);
};

/**
 * Builds `<root>` with one folder per person (9 face images), a no-face image
 * inside person_14, a skipped `_extra/` folder, a hidden file and a top-level
 * README that must all be ignored. Returns the number of image files.
 */
export const makeSmallDataset = async (root: string): Promise<number> => {
  let count = 0;
  for (const [label, files] of Object.entries(smallDatasetFiles)) {
    for (const file of files) {
      await copyFace(file, path.join(root, label, path.basename(file)));
      count++;
    }
  }
  await copyFace('_no_face/face-api.js__white.png', path.join(root, noFaceCopy));
  count++;
  await copyFace('person_03/deepface__img51.jpg', path.join(root, '_extra', 'skipped.jpg'));
  await fs.writeFile(path.join(root, 'README.md'), 'not an image\n');
  await fs.writeFile(path.join(root, 'person_01', '.DS_Store'), 'hidden');
  await fs.writeFile(path.join(root, 'person_01', 'notes.txt'), 'not an image');
  return count;
};
