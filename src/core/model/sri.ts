/** Subresource-integrity strings ("sha512-<base64>"), as npm reports them. */

/** The tokens of an SRI string (npm may report several hashes); the pinned sha512 must be one of them. */
export const sriTokens = (integrity: string): string[] => integrity.trim().split(/\s+/);

export const sha512Integrity = (digest: Buffer): string => `sha512-${digest.toString('base64')}`;
