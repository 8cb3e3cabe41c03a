export interface ScreenProps {
  /** Shown and allowed to read keys. */
  readonly active: boolean;
}
