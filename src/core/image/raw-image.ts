/** Decoded pixels, interleaved, 8 bits per channel. The only image type outside the sharp module. */
export interface RawImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3 | 4;
}

export interface DecodedImage extends RawImage {
  readonly channels: 3;
  /** The container format read from the file's bytes (jpeg, png, webp, ...). */
  readonly format: string;
  /** EXIF orientation found in the file (1 when absent); it has already been applied. */
  readonly orientation: number;
  /** Size before orientation was applied, as stored in the file. */
  readonly storedWidth: number;
  readonly storedHeight: number;
  /** Colour space and bit depth of the source, for reporting. */
  readonly sourceSpace: string;
  readonly sourceDepth: string;
  readonly hadAlpha: boolean;
}
