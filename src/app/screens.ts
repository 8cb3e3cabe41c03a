/** The screen components and their help, by id. */
import type { ComponentType } from 'react';
import { AuthScreen } from '../screens/auth/auth-screen.js';
import { authHelp, authKeys } from '../screens/auth/auth-help.js';
import { ModelScreen } from '../screens/model/model-screen.js';
import { modelHelp, modelKeys } from '../screens/model/model-help.js';
import { PreprocessScreen } from '../screens/preprocess/preprocess-screen.js';
import { preprocessHelp, preprocessKeys } from '../screens/preprocess/preprocess-help.js';
import { SimilarityScreen } from '../screens/similarity/similarity-screen.js';
import { similarityHelp, similarityKeys } from '../screens/similarity/similarity-help.js';
import { StorageScreen } from '../screens/storage/storage-screen.js';
import { storageHelp, storageKeys } from '../screens/storage/storage-help.js';
import type { Hint } from './keymap.js';
import type { ScreenProps } from './screen-props.js';
import type { ScreenId } from './use-app-state.js';

export const screenViews: Readonly<Record<ScreenId, ComponentType<ScreenProps>>> = {
  model: ModelScreen,
  preprocess: PreprocessScreen,
  similarity: SimilarityScreen,
  storage: StorageScreen,
  auth: AuthScreen,
};

export const screenHelp: Readonly<Record<ScreenId, readonly string[]>> = {
  model: modelHelp,
  preprocess: preprocessHelp,
  similarity: similarityHelp,
  storage: storageHelp,
  auth: authHelp,
};

/** Every key of each screen in all its modes, for the help view. */
export const screenKeys: Readonly<Record<ScreenId, readonly Hint[]>> = {
  model: modelKeys,
  preprocess: preprocessKeys,
  similarity: similarityKeys,
  storage: storageKeys,
  auth: authKeys,
};
