import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { corruptDocument, sameRecord, syntheticRecord, TEST_PROFILE } from '../../../test/support/store-fixtures.js';
import { bytesToFloat32, decodeRecord, encodeRecord, float32ToBytes, RECORD_SCHEMA_VERSION } from './record-codec.js';
import { createPersonRecord, nameKey, profileMismatch, validateName, type PersonRecord } from './record.js';

const bits = (v: Float32Array): string => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');

/** Awkward float32 values: signed zeros, subnormals, extremes, values with long mantissas. */
const awkward = (): Float32Array => {
  const v = new Float32Array(TEST_PROFILE.dim);
  const special = [
    -0, 0, 1 / 3, -1 / 3, 2 ** -149 /* smallest subnormal */, -(2 ** -149), 1.1754942e-38 /* largest subnormal */,
    1.17549435e-38 /* smallest normal */, 3.4028235e38 /* largest float32 */, -3.4028235e38, Math.PI, Math.E, 0.1, 1 - 2 ** -24,
  ];
  for (let i = 0; i < v.length; i++) v[i] = special[i % special.length]! * (i < special.length ? 1 : 1 - i * 2 ** -12);
  return v;
};

/**
 * A unit vector holding awkward values too: signed zeros, subnormals, the
 * smallest normal, long mantissas; the last value makes the norm 1.
 */
const awkwardUnit = (): Float32Array => {
  const v = new Float32Array(TEST_PROFILE.dim);
  const special = [-0, 0, 1 / 24, -1 / 24, 2 ** -149, -(2 ** -149), 1.1754942e-38, 1.17549435e-38, Math.PI / 80, Math.E / 80, 0.0125, (1 - 2 ** -24) / 10];
  let sumSq = 0;
  for (let i = 0; i < v.length - 1; i++) {
    v[i] = special[i % special.length]! * (1 - i * 2 ** -12);
    sumSq += v[i]! * v[i]!;
  }
  v[v.length - 1] = Math.sqrt(1 - sumSq);
  return v;
};

/** The document with template 0's embedding replaced by `bytes`, checksum recomputed (a consistent edit, not a disk fault). */
const withBytes = (text: string, bytes: Buffer): string => {
  const doc = JSON.parse(text) as { templates: { embedding: { data: string; sha256: string } }[] };
  doc.templates[0]!.embedding.data = bytes.toString('base64');
  doc.templates[0]!.embedding.sha256 = createHash('sha256').update(bytes).digest('hex');
  return JSON.stringify(doc);
};

const withEmbedding = (record: PersonRecord, embedding: Float32Array): PersonRecord => ({
  ...record,
  templates: [{ ...record.templates[0]!, embedding }, ...record.templates.slice(1)],
});

describe('embedding bytes', () => {
  it('round-trips float32 bit for bit (-0, subnormals, 1/3, extremes)', () => {
    const v = awkward();
    const back = bytesToFloat32(float32ToBytes(v));
    expect(bits(back)).toBe(bits(v));
    expect(Object.is(back[0], -0)).toBe(true);
    expect(back[4]).toBe(2 ** -149);
    expect(back[2]).toBe(Math.fround(1 / 3));
  });

  it('writes little-endian IEEE-754', () => {
    expect(float32ToBytes(new Float32Array([1, -0])).toString('hex')).toBe('0000803f00000080');
  });

  it('handles a view into a larger buffer', () => {
    const big = new Float32Array([9, 1 / 3, -0, 7]);
    expect(bits(bytesToFloat32(float32ToBytes(big.subarray(1, 3))))).toBe(bits(big.subarray(1, 3)));
  });
});

describe('record documents', () => {
  it('round-trips a record exactly, through JSON text', () => {
    const record = withEmbedding(syntheticRecord('Ada Lovelace', 1, { templates: 3 }), awkwardUnit());
    const text = encodeRecord(record);
    const decoded = decodeRecord(text, 'ada lovelace');
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(sameRecord(decoded.record, record)).toBe(true);
    expect(bits(decoded.record.templates[0]!.embedding)).toBe(bits(record.templates[0]!.embedding));
    expect(Object.is(decoded.record.templates[0]!.embedding[0], -0)).toBe(true);
    expect(decoded.record.templates[0]!.embedding[4]).toBe(2 ** -149); // the smallest subnormal, kept exactly
  });

  it('a template that is not unit length is damaged, even with a correct checksum (a x6 template scored 1.12 against a stranger)', () => {
    const text = encodeRecord(syntheticRecord('Ada', 6));
    const scaled = Buffer.from(float32ToBytes(syntheticRecord('Ada', 6).templates[0]!.embedding.map((x) => x * 6)));
    const decoded = decodeRecord(withBytes(text, scaled), 'ada');
    expect(decoded).toMatchObject({ ok: false, name: 'Ada' });
    expect(!decoded.ok && decoded.reason).toMatch(/^template 0: embedding is not unit length \(L2 norm 6\.000, expected 1 within 0\.001\)$/);
    // Slightly off (float32 rounding of a normalised vector) is fine; 1% off is not.
    const nudged = (factor: number): boolean => {
      const v = syntheticRecord('Ada', 6).templates[0]!.embedding.map((x) => x * factor);
      return decodeRecord(withBytes(text, Buffer.from(float32ToBytes(v))), 'ada').ok;
    };
    expect(nudged(1 + 1e-5)).toBe(true);
    expect(nudged(1.01)).toBe(false);
    expect(nudged(0.99)).toBe(false);
    expect(nudged(0)).toBe(false);
  });

  it('refuses base64 that is not canonical (the checksum alone would not see padding or stray characters)', () => {
    const text = encodeRecord(syntheticRecord('Ada', 7));
    const doc = JSON.parse(text) as { templates: { embedding: { data: string } }[] };
    doc.templates[0]!.embedding.data = `${doc.templates[0]!.embedding.data.slice(0, 40)}\n${doc.templates[0]!.embedding.data.slice(40)}`;
    const decoded = decodeRecord(JSON.stringify(doc), 'ada');
    expect(!decoded.ok && decoded.reason).toBe('template 0: embedding data is not canonical base64');
  });

  it('creates new records that encode and decode', () => {
    const embedding = new Float32Array(512).fill(1 / Math.sqrt(512));
    const record = createPersonRecord('Zoe\u0308', [{ embedding, imageSha256: 'a'.repeat(64), detectionScore: 0.98 }], TEST_PROFILE, new Date('2025-02-03T04:05:06Z'));
    expect(record).toMatchObject({ name: 'Zoë', modelId: TEST_PROFILE.modelId, dim: 512, createdAt: '2025-02-03T04:05:06.000Z' });
    expect(record.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const decoded = decodeRecord(encodeRecord(record), 'zoë');
    expect(decoded.ok && decoded.record.templates[0]!.createdAt).toBe('2025-02-03T04:05:06.000Z');
  });

  it('tags the format, version and checksum explicitly', () => {
    const doc = JSON.parse(encodeRecord(syntheticRecord('Ada', 2))) as Record<string, unknown> & {
      templates: { embedding: Record<string, unknown> }[];
    };
    expect(doc['schema']).toBe('face-auth-tui/person');
    expect(doc['version']).toBe(RECORD_SCHEMA_VERSION);
    expect(doc.templates[0]!.embedding).toMatchObject({ format: 'f32le-base64', dim: 512 });
    expect(doc.templates[0]!.embedding['sha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['checksum', /checksum mismatch/],
    ['dim', /dimension 512, but the record says 256/],
    ['length', /holds 2040 bytes, but dim 512 needs 2048/],
    ['nan', /value 3 is NaN/],
    ['json', /not valid JSON/],
  ] as const)('reports a %s corruption with its reason', (kind, reason) => {
    const decoded = decodeRecord(corruptDocument(encodeRecord(syntheticRecord('Ada', 3)), kind), 'ada');
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.reason).toMatch(reason);
    if (kind !== 'json') expect(decoded.name).toBe('Ada');
  });

  it('reports schema problems, a newer version and a name that does not match its key', () => {
    const text = encodeRecord(syntheticRecord('Ada', 4));
    const doc = JSON.parse(text) as Record<string, unknown>;
    const bad = (change: Record<string, unknown>, key = 'ada'): string => {
      const r = decodeRecord(JSON.stringify({ ...doc, ...change }), key);
      return r.ok ? 'ok' : r.reason;
    };
    expect(bad({ id: 'not-a-uuid' })).toMatch(/^id:/);
    expect(bad({ templates: [] })).toMatch(/templates/);
    expect(bad({ version: 2 })).toMatch(/newer face-auth-tui/);
    expect(bad({ extra: 1 })).toMatch(/extra/);
    expect(bad({}, 'bob')).toMatch(/stored under key "bob" but named "Ada"/);
    expect(bad({ name: 'A\u0007da' }, 'a\u0007da')).toMatch(/control or invisible character/);
    expect(decodeRecord('[1,2]').ok).toBe(false);
    expect(decodeRecord('null').ok).toBe(false);
  });

  it('refuses to encode what could not be read back', () => {
    const record = syntheticRecord('Ada', 5);
    const nan = new Float32Array(512).fill(0.01);
    nan[7] = Number.NaN;
    expect(() => encodeRecord(withEmbedding(record, nan))).toThrow(/template 0 value 7 is NaN/);
    expect(() => encodeRecord(withEmbedding(record, new Float32Array(128)))).toThrow(/128 values, expected 512/);
    expect(() => encodeRecord({ ...record, templates: [] })).toThrow(/at least one template/);
    expect(() => encodeRecord(withEmbedding(record, new Float32Array(512).fill(0.5)))).toThrow(/template 0 is not unit length \(L2 norm 11\.31/);
    expect(() => encodeRecord({ ...record, id: 'x' })).toThrow(UserError);
  });
});

describe('names', () => {
  it('accepts printable names, NFC-normalised, and folds case for the key', () => {
    expect(validateName('Zoë')).toBe('Zoë');
    expect(validateName('Zoe\u0308')).toBe('Zoë'); // combining diaeresis -> NFC
    expect(nameKey('ADA Lovelace')).toBe('ada lovelace');
    expect(validateName('李小龍')).toBe('李小龍');
    // The zero-width joiners scripts and emoji need stay.
    expect(validateName('👩\u200D💻')).toBe('👩\u200D💻');
    expect(validateName('می\u200Cخواهم')).toBe('می\u200Cخواهم');
  });

  it.each([
    '', '   ', 'a\nb', 'tab\there', 'esc\u001b[31m', 'del\u007f', 'bidi\u202Eevil', ' padded ',
    // Invisible: "zero\u200Bwidth" looks exactly like "zerowidth".
    'zero\u200Bwidth', 'mark\u200Fed', 'joined\u2060word', 'bom\uFEFF', 'soft\u00ADhyphen',
  ])(
    'rejects %j with INVALID_ARGUMENT',
    (name) => {
      try {
        validateName(name);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(UserError);
        expect((error as UserError).code).toBe('INVALID_ARGUMENT');
      }
    },
  );

  it('describes a profile mismatch', () => {
    expect(profileMismatch(TEST_PROFILE, TEST_PROFILE)).toBeUndefined();
    expect(profileMismatch({ ...TEST_PROFILE, modelId: 'other' }, TEST_PROFILE)).toMatch(/model other \(current: test-model@1\)/);
    expect(profileMismatch({ ...TEST_PROFILE, preprocessing: 'p2' }, TEST_PROFILE)).toMatch(/preprocessing p2/);
  });
});
