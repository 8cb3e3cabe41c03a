import { useEffect, useState } from 'react';
import { getErrorMessage } from '../../core/errors.js';
import type { RawImage } from '../../core/image/raw-image.js';
import { cropResize, resizeRaw } from '../../core/image/sharp-codec.js';
import type { CropRect } from '../../core/image/sharp-codec.js';

export interface FitRequest {
  readonly source: RawImage;
  /** Part of the source to show (default all). */
  readonly crop?: CropRect;
  /** Cells available: one cell is one pixel wide and two pixels tall. */
  readonly maxColumns: number;
  readonly maxRows: number;
  /** Drawn on the fitted pixels; `scale` = fitted px per source px (the crop's origin removed). */
  readonly overlay?: (image: RawImage, scale: number) => RawImage;
  /** Changes when the request changes (the source, crop or overlay). */
  readonly key: string;
}

/** What the hook gives: the fitted image, or why it could not be made; null until ready. */
export type Fitted = RawImage | { readonly error: string };

/** The source resized by sharp to fit the cells (never enlarged), then the overlay drawn; null until ready. */
export const useFittedImage = (request: FitRequest | null): Fitted | null => {
  const [image, setImage] = useState<{ key: string; image: Fitted } | null>(null);
  const columns = request?.maxColumns ?? 0;
  const rows = request?.maxRows ?? 0;
  const fullKey = request === null ? '' : `${request.key}@${columns}x${rows}`;
  useEffect(() => {
    if (request === null) return;
    let cancelled = false;
    const { source, crop } = request;
    const width = crop?.width ?? source.width;
    const height = crop?.height ?? source.height;
    const scale = Math.min(1, columns / width, (rows * 2) / height);
    const w = Math.max(1, Math.floor(width * scale));
    const h = Math.max(1, Math.floor(height * scale));
    const resized = crop === undefined ? resizeRaw(source, w, h, { kernel: 'linear' }) : cropResize(source, crop, w, h, [0, 0, 0], 'linear');
    resized
      .then((fitted) => (request.overlay === undefined ? fitted : request.overlay(fitted, w / width)))
      .then(
        (fitted) => {
          if (!cancelled) setImage({ key: fullKey, image: fitted });
        },
        (error: unknown) => {
          if (!cancelled) setImage({ key: fullKey, image: { error: getErrorMessage(error) } });
        },
      );
    return () => {
      cancelled = true;
    };
    // The request is identified by its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fullKey]);
  return image !== null && image.key === fullKey ? image.image : null;
};
