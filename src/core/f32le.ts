/** Embeddings as little-endian IEEE-754 float32 bytes, whatever the machine's byte order (bit-identical both ways). */
import os from 'node:os';

const littleEndian = os.endianness() === 'LE';

/** Little-endian float32 bytes of a vector (a copy). */
export const float32ToBytes = (vector: Float32Array): Buffer => {
  const bytes = Buffer.alloc(vector.length * 4);
  if (littleEndian) {
    bytes.set(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength));
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < vector.length; i++) view.setFloat32(i * 4, vector[i]!, true);
  }
  return bytes;
};

/** The inverse of float32ToBytes; `bytes.length` must be a multiple of 4. */
export const bytesToFloat32 = (bytes: Uint8Array): Float32Array => {
  const vector = new Float32Array(bytes.length / 4);
  if (littleEndian) {
    new Uint8Array(vector.buffer).set(bytes);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < vector.length; i++) vector[i] = view.getFloat32(i * 4, true);
  }
  return vector;
};
