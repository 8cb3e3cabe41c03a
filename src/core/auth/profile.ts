import type { FaceEngine } from '../face-engine.js';
import type { StoreProfile } from '../store/record.js';

/** What enrolment and authentication need from the face engine. */
export type AuthEngine = Pick<FaceEngine, 'embed' | 'modelId' | 'fingerprint' | 'embeddingDim'>;

/** The store profile of the engine's embeddings: a store only serves records that match it. */
export const storeProfileOf = (engine: Pick<FaceEngine, 'modelId' | 'fingerprint' | 'embeddingDim'>): StoreProfile => ({
  modelId: engine.modelId,
  preprocessing: engine.fingerprint,
  dim: engine.embeddingDim,
});
