/** The five exercises: number, titles and what each teaches (menu, tabs and help read it). */
import type { ScreenId } from './use-app-state.js';

export interface ScreenInfo {
  readonly id: ScreenId;
  readonly number: number;
  readonly title: string;
  /** For the tab strip. */
  readonly short: string;
  /** One line for the menu. */
  readonly summary: string;
}

export const screenCatalog: readonly ScreenInfo[] = [
  { id: 'model', number: 1, title: 'Model & embeddings', short: 'Model', summary: 'models, SHA-256, embed one image or a folder, validate, benchmark' },
  { id: 'preprocess', number: 2, title: 'Preprocessing', short: 'Preprocess', summary: 'step through decode, detect, landmarks, align; augmentation experiments' },
  { id: 'similarity', number: 3, title: 'Similarity & threshold', short: 'Similarity', summary: 'genuine vs impostor histograms, FAR/FRR, move and adopt the threshold' },
  { id: 'storage', number: 4, title: 'Storage', short: 'Storage', summary: 'browse enrolled people, open a record, delete, integrity check' },
  { id: 'auth', number: 5, title: 'Auth console', short: 'Auth', summary: 'register, authenticate (ACCEPTED / DENIED), list, delete, stats' },
];

export const screenInfo = (id: ScreenId): ScreenInfo => screenCatalog.find((s) => s.id === id) ?? screenCatalog[0]!;
