/** The storage screen's work: reading, checking and deleting records of the face store. */
import { performance } from 'node:perf_hooks';
import { isUserError } from '../../core/errors.js';
import type { FaceStore, RecordSummary } from '../../core/store/face-store.js';
import type { PersonRecord } from '../../core/store/record.js';
import { validateEmbedding } from '../../core/similarity/normalize.js';

export interface BackendFigures {
  readonly kind: string;
  readonly uri: string;
  readonly bytes: number | null;
  readonly people: number;
  readonly templates: number;
  readonly corrupt: number;
  readonly mismatched: number;
  /** Time to read and decode every record (checksums verified): what a cold start pays. */
  readonly loadMs: number;
  readonly listMs: number;
}

export interface Listing {
  readonly entries: readonly RecordSummary[];
  readonly figures: BackendFigures;
}

/** Every entry (damaged ones flagged) and the backend's figures. */
export const readListing = async (store: FaceStore): Promise<Listing> => {
  let t = performance.now();
  const entries = await store.list();
  const listMs = performance.now() - t;
  const stats = await store.stats();
  t = performance.now();
  let loadMs = Number.NaN;
  try {
    await store.load();
    loadMs = performance.now() - t;
  } catch (error) {
    if (!isUserError(error)) throw error; // another model's records: the list shows them
  }
  return { entries, figures: { kind: store.kind, uri: store.uri, ...stats, loadMs, listMs } };
};

export interface TemplateCheck {
  readonly createdAt: string;
  readonly detectionScore: number;
  readonly imageSha256: string;
  readonly dim: number;
  readonly norm: number;
  readonly ok: boolean;
  readonly problems: readonly string[];
}

export interface RecordDetail {
  readonly record: PersonRecord;
  readonly templates: readonly TemplateCheck[];
}

const checkTemplates = (record: PersonRecord): TemplateCheck[] =>
  record.templates.map((t) => {
    const report = validateEmbedding(t.embedding, record.dim, { unitNorm: true });
    return { createdAt: t.createdAt, detectionScore: t.detectionScore, imageSha256: t.imageSha256, dim: report.dim, norm: report.norm, ok: report.ok, problems: report.problems };
  });

/**
 * One record: reading it verifies each embedding's SHA-256 (a damaged record
 * throws STORE_ERROR with the reason); each vector is then checked (dimension,
 * finite, norm 1).
 */
export const openRecord = async (store: FaceStore, name: string): Promise<RecordDetail> => {
  const record = await store.get(name);
  if (record === undefined) throw new Error(`${name} is no longer in the store`);
  return { record, templates: checkTemplates(record) };
};

export interface IntegrityReport {
  readonly checked: number;
  readonly ok: number;
  readonly templates: number;
  /** name: reason, for damaged entries, other-model records and bad vectors. */
  readonly damaged: readonly string[];
  readonly mismatched: readonly string[];
  readonly badVectors: readonly string[];
  readonly ms: number;
}

/** Every record read back, checksums verified, every vector checked. Never throws for a damaged record. */
export const checkIntegrity = async (store: FaceStore, onProgress: (done: number, total: number) => void): Promise<IntegrityReport> => {
  const started = performance.now();
  const entries = await store.list();
  const damaged: string[] = [];
  const mismatched: string[] = [];
  const badVectors: string[] = [];
  let ok = 0;
  let templates = 0;
  for (const [i, entry] of entries.entries()) {
    if (entry.status === 'corrupt') damaged.push(`${entry.name ?? entry.key}: ${entry.reason}`);
    else if (entry.status === 'mismatch') mismatched.push(`${entry.name}: ${entry.reason}`);
    else {
      try {
        const detail = await openRecord(store, entry.name);
        templates += detail.templates.length;
        const bad = detail.templates.filter((t) => !t.ok);
        if (bad.length === 0) ok++;
        else badVectors.push(`${entry.name}: ${bad[0]?.problems.join(' ') ?? ''}`);
      } catch (error) {
        damaged.push(`${entry.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    onProgress(i + 1, entries.length);
  }
  return { checked: entries.length, ok, templates, damaged, mismatched, badVectors, ms: performance.now() - started };
};

/** Case-insensitive match on the name (or key of a damaged entry). */
export const matchesSearch = (entry: RecordSummary, search: string): boolean => {
  if (search === '') return true;
  const label = entry.status === 'corrupt' ? (entry.name ?? entry.key) : entry.name;
  return label.toLowerCase().includes(search.toLowerCase());
};

export const labelOf = (entry: RecordSummary): string => (entry.status === 'corrupt' ? (entry.name ?? entry.key) : entry.name);
