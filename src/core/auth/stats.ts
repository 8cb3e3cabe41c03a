/** stats: what the store holds and what the audit log says about attempts. */
import type { FaceStore } from '../store/face-store.js';
import type { AuditLog } from './audit-log.js';

export interface AttemptCounts {
  readonly total: number;
  readonly accepted: number;
  readonly denied: number;
  /** Refused during a lockout cool-down. */
  readonly locked: number;
  /** Attempts that failed on the photo (no face, bad file...). */
  readonly errors: number;
}

export interface AuthStats {
  readonly store: string;
  readonly people: number;
  readonly templates: number;
  /** Bytes on disk; null for memory:. */
  readonly bytes: number | null;
  readonly corrupt: number;
  readonly mismatched: number;
  readonly model: string;
  readonly preprocessing: string;
  readonly dim: number;
  readonly threshold: number;
  readonly auditLog: string | null;
  readonly attempts: AttemptCounts;
  /** 1:N look-ups (search) recorded in the audit log. */
  readonly searches: number;
  /** Audit lines that could not be read (skipped). */
  readonly auditDamaged: number;
}

export const authStats = async (store: FaceStore, audit: AuditLog, threshold: number): Promise<AuthStats> => {
  const [stats, log] = await Promise.all([store.stats(), audit.read()]);
  const attempts = { total: 0, accepted: 0, denied: 0, locked: 0, errors: 0 };
  let searches = 0;
  for (const entry of log.entries) {
    if (entry.event === 'search') searches++;
    if (entry.event !== 'authenticate') continue;
    attempts.total++;
    if (entry.result === 'accepted') attempts.accepted++;
    else if (entry.result === 'denied') attempts.denied++;
    else if (entry.result === 'locked') attempts.locked++;
    else attempts.errors++;
  }
  return {
    store: store.uri,
    people: stats.people,
    templates: stats.templates,
    bytes: stats.bytes,
    corrupt: stats.corrupt,
    mismatched: stats.mismatched,
    model: store.profile.modelId,
    preprocessing: store.profile.preprocessing,
    dim: store.profile.dim,
    threshold,
    auditLog: audit.path,
    attempts,
    searches,
    auditDamaged: log.damaged,
  };
};
