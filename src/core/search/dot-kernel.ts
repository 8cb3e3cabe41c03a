/**
 * The inner loop of the 1:N scan: dot products of one query with many rows.
 *
 * Two implementations with one contract:
 * - a tiny WebAssembly SIMD module (f32x4, four accumulators), assembled here
 *   byte by byte, so no toolchain or dependency is needed. It is about three
 *   times faster than the best plain JavaScript loop (which V8 does not
 *   vectorise) and runs at memory bandwidth.
 * - a plain JavaScript loop, 4-way unrolled, for runtimes without Wasm SIMD.
 *
 * Layout contract (byte offsets into one memory): the query and each row are
 * `strideBytes` long, a multiple of 64, zero padded past `dim`; the rows are
 * contiguous from `rowsOffset`; `rows` scores (float32) are written from
 * `outOffset`. All offsets are multiples of 64.
 */

export const STRIDE_ALIGN_FLOATS = 16;

/** Floats per row: dim rounded up to a multiple of 16 (64 bytes). */
export const strideFor = (dim: number): number => Math.ceil(dim / STRIDE_ALIGN_FLOATS) * STRIDE_ALIGN_FLOATS;

// --- a minimal WebAssembly binary writer -----------------------------------

const uleb = (value: number): number[] => {
  const out: number[] = [];
  let n = value >>> 0;
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};

const sleb = (value: number): number[] => {
  const out: number[] = [];
  let n = value | 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
};

const vec = (items: readonly (readonly number[])[]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: readonly number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (text: string): number[] => vec([...Buffer.from(text, 'utf8')].map((b) => [b]));

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (i: number) => [0x20, i],
  set: (i: number) => [0x21, i],
  tee: (i: number) => [0x22, i],
  i32Const: (n: number) => [0x41, ...sleb(n)],
  i32Eqz: [0x45],
  i32LtU: [0x49],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  f32Add: [0x92],
  f32Store: [0x38, 2, 0], // align 4, offset 0
  simd: (code: number) => [0xfd, ...uleb(code)],
};
const v128Load = (offset: number): number[] => [...op.simd(0x00), 4, ...uleb(offset)]; // align 16
const v128Zero = [...op.simd(0x0c), ...new Array<number>(16).fill(0)];
const f32x4Add = op.simd(0xe4);
const f32x4Mul = op.simd(0xe6);
const f32x4Lane = (lane: number): number[] => [...op.simd(0x1f), lane];

/**
 * (func scan (param $row i32) (param $query i32) (param $rows i32) (param $strideBytes i32) (param $out i32))
 * locals: $j i32 (5), $acc0..$acc3 v128 (6..9)
 */
const scanModule = (): Uint8Array => {
  const [ROW, QUERY, ROWS, STRIDE, OUT, J] = [0, 1, 2, 3, 4, 5];
  const ACC = [6, 7, 8, 9] as const;
  // acc += row[j + offset .. +4] * query[j + offset .. +4]
  const madd = (acc: number, offset: number): number[] => [
    ...op.get(acc),
    ...op.get(ROW), ...op.get(J), ...op.i32Add, ...v128Load(offset),
    ...op.get(QUERY), ...op.get(J), ...op.i32Add, ...v128Load(offset),
    ...f32x4Mul, ...f32x4Add, ...op.set(acc),
  ];
  const body = [
    ...op.block,
    ...op.loop, // one row per iteration
    ...op.get(ROWS), ...op.i32Eqz, ...op.brIf(1),
    ...ACC.flatMap((acc) => [...v128Zero, ...op.set(acc)]),
    ...op.i32Const(0), ...op.set(J),
    ...op.loop, // 16 floats per iteration
    ...madd(ACC[0], 0), ...madd(ACC[1], 16), ...madd(ACC[2], 32), ...madd(ACC[3], 48),
    ...op.get(J), ...op.i32Const(64), ...op.i32Add, ...op.tee(J), ...op.get(STRIDE), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    // out[0] = horizontal sum of the accumulators
    ...op.get(OUT),
    ...op.get(ACC[0]), ...op.get(ACC[1]), ...f32x4Add, ...op.get(ACC[2]), ...op.get(ACC[3]), ...f32x4Add, ...f32x4Add, ...op.set(ACC[0]),
    ...op.get(ACC[0]), ...f32x4Lane(0), ...op.get(ACC[0]), ...f32x4Lane(1), ...op.f32Add,
    ...op.get(ACC[0]), ...f32x4Lane(2), ...op.get(ACC[0]), ...f32x4Lane(3), ...op.f32Add, ...op.f32Add,
    ...op.f32Store,
    ...op.get(OUT), ...op.i32Const(4), ...op.i32Add, ...op.set(OUT),
    ...op.get(ROW), ...op.get(STRIDE), ...op.i32Add, ...op.set(ROW),
    ...op.get(ROWS), ...op.i32Const(1), ...op.i32Sub, ...op.set(ROWS),
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
  const code = [...vec([[1, I32], [4, V128]]), ...body, ...op.end];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), ...vec([])]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])), // import memory, min 1 page
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name('scan'), 0x00, 0]])),
    ...section(10, vec([[...uleb(code.length), ...code]])),
  ]);
};

// --- the two kernels ---------------------------------------------------------

export type ScanFunction = (rowOffset: number, queryOffset: number, rows: number, strideBytes: number, outOffset: number) => void;

export interface DotKernel {
  readonly kind: 'wasm-simd' | 'js';
  /** Where the matrix lives. Wasm memory grows in place; a plain buffer is replaced by a larger copy. */
  readonly buffer: () => ArrayBuffer;
  /** Makes the memory at least `bytes` long, keeping its content. Returns false if it cannot. */
  readonly ensure: (bytes: number) => boolean;
  readonly scan: ScanFunction;
}

const PAGE = 65_536;
/** 4 GiB: the most a 32-bit Wasm memory (and a typed array here) can hold. */
export const MAX_KERNEL_BYTES = 65_536 * PAGE;

// The project's lib settings carry no WebAssembly declarations (they live in the
// DOM lib); these are the few members used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}
type WasmModule = object;
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => WasmModule;
  readonly Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  readonly Instance: new (module: WasmModule, imports: object) => { readonly exports: Record<string, unknown> };
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: WasmModule | null | undefined;

const compileSimd = (): WasmModule | null => {
  if (compiled === undefined) {
    try {
      const bytes = scanModule();
      compiled = wasm !== undefined && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
};

/** True if this runtime runs the Wasm SIMD kernel. */
export const simdAvailable = (): boolean => compileSimd() !== null;

const wasmKernel = (api: WasmApi, module: WasmModule, initialBytes: number): DotKernel | null => {
  const pages = Math.max(1, Math.ceil(initialBytes / PAGE));
  let memory: WasmMemory;
  try {
    memory = new api.Memory({ initial: pages, maximum: 65_536 });
  } catch {
    return null;
  }
  const instance = new api.Instance(module, { env: { memory } });
  const scan = instance.exports['scan'] as (a: number, b: number, c: number, d: number, e: number) => void;
  return {
    kind: 'wasm-simd',
    buffer: () => memory.buffer,
    ensure: (bytes) => {
      const have = memory.buffer.byteLength;
      if (bytes <= have) return true;
      if (bytes > MAX_KERNEL_BYTES) return false;
      // Grow geometrically so that adding people one by one stays cheap.
      const wanted = Math.min(65_536, Math.max(Math.ceil(bytes / PAGE), Math.ceil((have * 1.5) / PAGE)));
      try {
        memory.grow(wanted - have / PAGE);
        return true;
      } catch {
        return false;
      }
    },
    // Offsets above 2 GiB are passed as negative i32; Wasm reads them as unsigned.
    scan: (rowOffset, queryOffset, rows, strideBytes, outOffset) => scan(rowOffset | 0, queryOffset | 0, rows, strideBytes, outOffset | 0),
  };
};

const jsKernel = (initialBytes: number): DotKernel => {
  let buffer = new ArrayBuffer(Math.max(64, Math.ceil(initialBytes / 64) * 64));
  let floats = new Float32Array(buffer);
  return {
    kind: 'js',
    buffer: () => buffer,
    ensure: (bytes) => {
      if (bytes <= buffer.byteLength) return true;
      if (bytes > MAX_KERNEL_BYTES) return false;
      const size = Math.ceil(Math.max(bytes, buffer.byteLength * 1.5) / 64) * 64;
      const next = new ArrayBuffer(Math.min(MAX_KERNEL_BYTES, size));
      new Uint8Array(next).set(new Uint8Array(buffer));
      buffer = next;
      floats = new Float32Array(buffer);
      return true;
    },
    scan: (rowOffset, queryOffset, rows, strideBytes, outOffset) => {
      const f = floats;
      const stride = strideBytes >>> 2;
      const q = queryOffset >>> 2;
      let row = rowOffset >>> 2;
      let out = outOffset >>> 2;
      for (let r = 0; r < rows; r++, row += stride, out++) {
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        // stride is a multiple of 16, and the padding is zero
        for (let j = 0; j < stride; j += 4) {
          a0 += f[row + j]! * f[q + j]!;
          a1 += f[row + j + 1]! * f[q + j + 1]!;
          a2 += f[row + j + 2]! * f[q + j + 2]!;
          a3 += f[row + j + 3]! * f[q + j + 3]!;
        }
        f[out] = a0 + a1 + (a2 + a3);
      }
    },
  };
};

/** The fastest kernel available (Wasm SIMD unless `simd` is false or unsupported). */
export const createDotKernel = (initialBytes: number, options: { simd?: boolean } = {}): DotKernel => {
  if (options.simd !== false) {
    const module = compileSimd();
    const kernel = module === null || wasm === undefined ? null : wasmKernel(wasm, module, initialBytes);
    if (kernel !== null) return kernel;
  }
  return jsKernel(initialBytes);
};
