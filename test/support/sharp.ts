/**
 * sharp for building test fixtures. Colocated tests under src/core cannot import
 * sharp themselves (the lint rule keeps it inside src/core/image/sharp-codec.ts),
 * so they take it from here. Never import this from production code.
 */
export { default as sharp } from 'sharp';
export type { Sharp } from 'sharp';
