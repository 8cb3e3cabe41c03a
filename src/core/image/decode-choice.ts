import { ascii, u16be, u32be } from './header-bytes.js';
import { isSrgbProfile } from './icc-profile.js';
import type { SupportedFormat } from './sniff-format.js';

/**
 * How a file is decoded, decided from its header. When a glance at the bytes shows the
 * likely choice will be right (see startsLikely), the decoder starts that decode before
 * the header is read (two libvips round trips side by side instead of one after the
 * other), and keeps it when the header agrees.
 */
export interface DecodeChoice {
  /**
   * Skip the embedded ICC profile: when there is none (nothing to skip), or when it is an
   * sRGB profile, whose conversion changes no pixel but costs two to three times the decode
   * (see icc-profile.ts). Every other profile (Adobe RGB, Display P3, CMYK...) is converted.
   */
  readonly ignoreIcc: boolean;
  /** Grey + alpha: go to sRGB before flattening, so a coloured background stays coloured. */
  readonly greyWithAlpha: boolean;
}

/** What most photos need: no profile or an sRGB one, and not grey with alpha. */
export const likelyChoice: DecodeChoice = { ignoreIcc: true, greyWithAlpha: false };

export const isLikelyChoice = (choice: DecodeChoice): boolean =>
  choice.ignoreIcc === likelyChoice.ignoreIcc && choice.greyWithAlpha === likelyChoice.greyWithAlpha;

/** The header fields the choice depends on (as sharp's metadata() reports them). */
export interface ChoiceHeader {
  readonly space?: string | undefined;
  readonly hasAlpha?: boolean | undefined;
  readonly icc?: Uint8Array | undefined;
}

export const decodeChoiceFor = (header: ChoiceHeader | undefined): DecodeChoice => {
  const icc = header?.icc;
  const grey = header?.space === 'b-w' || header?.space === 'grey16';
  return {
    ignoreIcc: icc === undefined || (header?.space === 'srgb' && isSrgbProfile(icc)),
    greyWithAlpha: grey && header?.hasAlpha === true,
  };
};

/** JPEG: an APP2 "ICC_PROFILE" segment before the first scan. */
const jpegHasProfile = (bytes: Uint8Array): boolean | undefined => {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return false; // start of scan / end of image: no profile before it
    const length = u16be(bytes, at + 2);
    if (length < 2) return undefined;
    if (marker === 0xe2 && ascii(bytes, at + 4, 11) === 'ICC_PROFILE') return true;
    at += 2 + length;
  }
  return undefined;
};

/** PNG: an iCCP chunk before the image data, or grey + alpha (colour type 4, or grey with a tRNS chunk). */
const pngNeedsHeader = (bytes: Uint8Array): boolean | undefined => {
  if (bytes.length < 33 || ascii(bytes, 12, 4) !== 'IHDR') return undefined;
  const colourType = bytes[25];
  if (colourType === 4) return true;
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = u32be(bytes, at);
    const type = ascii(bytes, at + 4, 4);
    if (type === 'iCCP' || (type === 'tRNS' && colourType === 0)) return true;
    if (type === 'IDAT' || type === 'IEND') return false;
    at += 12 + length;
  }
  return undefined;
};

/** WebP: the extended header's ICC flag (a simple VP8/VP8L file has no profile). */
const webpHasProfile = (bytes: Uint8Array): boolean | undefined => {
  if (bytes.length < 21 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') return undefined;
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ' || chunk === 'VP8L') return false;
  if (chunk === 'VP8X') return (bytes[20]! & 0x20) !== 0;
  return undefined;
};

/**
 * True when the bytes show, without the header read, that the likely choice is right: a
 * JPEG, PNG or WebP with no embedded profile (and a PNG that is not grey + alpha). Anything
 * else waits for the header. The header still decides: if it disagrees, the early result
 * is dropped and the file decoded again, which the bytes are read for to make rare (a
 * phone's Display P3 JPEG would otherwise be decoded twice, the wasted decode as costly as
 * the real one).
 */
export const startsLikely = (bytes: Uint8Array, format: SupportedFormat): boolean => {
  const needsHeader = format === 'jpeg' ? jpegHasProfile(bytes) : format === 'png' ? pngNeedsHeader(bytes) : format === 'webp' ? webpHasProfile(bytes) : undefined;
  return needsHeader === false;
};
