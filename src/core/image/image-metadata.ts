import type { BmpHeader } from './bmp.js';
import type { SupportedFormat } from './sniff-format.js';

/** What the header says, without decoding pixels. */
export interface ImageMetadata {
  readonly format: SupportedFormat;
  /** Size as displayed (EXIF orientation applied). */
  readonly width: number;
  readonly height: number;
  readonly storedWidth: number;
  readonly storedHeight: number;
  readonly orientation: number;
  readonly sourceSpace: string;
  readonly sourceDepth: string;
  readonly hadAlpha: boolean;
  readonly hasIccProfile: boolean;
  /** Frames or pages in the file; only the first is decoded. */
  readonly pages: number;
}

/** The header fields the codec reads (sharp's metadata) that ImageMetadata is made of. */
export interface HeaderFields {
  readonly width: number;
  readonly height: number;
  readonly orientation?: number | undefined;
  readonly space: string;
  readonly depth: string;
  readonly hasAlpha: boolean;
  readonly hasProfile: boolean;
  readonly pages?: number | undefined;
}

const validOrientation = (value: number | undefined): number =>
  value !== undefined && Number.isInteger(value) && value >= 1 && value <= 8 ? value : 1;

/** Metadata from a header; orientations 5..8 swap the displayed width and height. */
export const headerMetadata = (format: SupportedFormat, header: HeaderFields): ImageMetadata => {
  const { width, height } = header;
  const orientation = validOrientation(header.orientation);
  const swap = orientation >= 5;
  return {
    format,
    width: swap ? height : width,
    height: swap ? width : height,
    storedWidth: width,
    storedHeight: height,
    orientation,
    sourceSpace: header.space,
    sourceDepth: header.depth,
    hadAlpha: header.hasAlpha,
    hasIccProfile: header.hasProfile,
    pages: header.pages ?? 1,
  };
};

/** Metadata from a BMP header (no orientation, no ICC profile, one frame). */
export const bmpMetadata = (bmp: BmpHeader): ImageMetadata => {
  const { width, height, bitsPerPixel } = bmp;
  return {
    format: 'bmp', width, height, storedWidth: width, storedHeight: height, orientation: 1,
    sourceSpace: 'srgb', sourceDepth: bitsPerPixel <= 8 ? `${bitsPerPixel}-bit palette` : 'uchar',
    hadAlpha: bmp.alphaDeclared, hasIccProfile: false, pages: 1,
  };
};
