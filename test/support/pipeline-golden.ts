import path from 'node:path';
import { repoRoot } from './faces.js';

/** What scripts/update-pipeline-golden.ts writes and src/core/face/pipeline-golden.test.ts checks. */
export interface PipelineGolden {
  readonly pipelineVersion: number;
  readonly fingerprint: string;
  readonly images: readonly {
    readonly file: string;
    readonly box: { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number };
    /** base64 of the little-endian float32 embedding. */
    readonly embedding: string;
  }[];
}

export const goldenPath = path.join(repoRoot, 'test', 'fixtures', 'pipeline-golden.json');

/** A spread of sizes, formats and people from ../shared/faces. */
export const goldenImages: readonly string[] = [
  'person_01/deepface__img1.jpg', // 1382x1868
  'person_01/deepface__img10.jpg', // 408x594
  'person_01/facenet-pytorch__1.png',
  'person_02/deepface__img26.jpg',
  'person_05/deepface__img16.jpg',
  'person_05/deepface__img62.jpg',
];
