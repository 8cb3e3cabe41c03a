/**
 * Runs once before the test files. Model fetching is added here by the model
 * fetcher (so that test files never race to download the same weights).
 */
export const setup = async (): Promise<void> => {
  await Promise.resolve();
};
