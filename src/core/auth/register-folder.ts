/**
 * register --from <dir>: one subfolder per person, named after the person
 * (folders starting with '_' or '.' are not people, and are skipped).
 * A bad image is reported and skipped; a person who cannot be registered is
 * reported and the others continue; a summary comes at the end.
 */
import { isUserError } from '../errors.js';
import { listFiles, listSubfolders } from './folder.js';
import { registerPerson, type RegisterDeps, type RegisterOptions, type RegisterOutcome } from './register.js';

export interface FolderSummary {
  readonly people: number;
  readonly registered: number;
  readonly refused: number;
  readonly images: number;
  readonly imagesUsed: number;
  readonly imagesRejected: number;
}

export interface FolderOutcome {
  readonly people: readonly RegisterOutcome[];
  readonly summary: FolderSummary;
  /** Subfolders that are not people: their names start with '_' (see listSubfolders). */
  readonly skippedFolders: readonly string[];
}

export const summarise = (people: readonly RegisterOutcome[]): FolderSummary => {
  const images = people.reduce((n, p) => n + p.images.length, 0);
  const imagesUsed = people.reduce((n, p) => n + (p.status === 'registered' ? p.added : 0), 0);
  return {
    people: people.length,
    registered: people.filter((p) => p.status === 'registered').length,
    refused: people.filter((p) => p.status === 'refused').length,
    images,
    imagesUsed,
    imagesRejected: images - imagesUsed,
  };
};

export const registerFolder = async (
  deps: RegisterDeps,
  dir: string,
  options: Omit<RegisterOptions, 'partial'> & { readonly onPerson?: (outcome: RegisterOutcome) => void } = {},
): Promise<FolderOutcome> => {
  const people: RegisterOutcome[] = [];
  const { folders, skipped } = await listSubfolders(dir);
  for (const [name, folder] of folders) {
    let outcome: RegisterOutcome;
    try {
      const files = await listFiles(folder);
      outcome = await registerPerson(deps, name, files, { ...options, partial: true });
    } catch (error) {
      // A bad name or a damaged record stops this person, not the others.
      if (!isUserError(error)) throw error;
      outcome = { status: 'refused', name, code: error.code, message: error.message, hint: error.hint ?? '', images: [], collision: null };
    }
    people.push(outcome);
    options.onPerson?.(outcome);
  }
  return { people, summary: summarise(people), skippedFolders: skipped };
};
