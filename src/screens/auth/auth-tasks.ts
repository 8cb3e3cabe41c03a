/** The auth console's work, through the enrolment / authentication service (src/core/auth). */
import type { AuthDecision, AuthService, AuthStats, RegisterOutcome } from '../../core/auth/index.js';
import type { AuditEntry } from '../../core/auth/index.js';
import { formatThreshold } from '../../core/format-threshold.js';
import type { RecordSummary } from '../../core/store/face-store.js';

export type AttemptEntry = Extract<AuditEntry, { event: 'authenticate' }>;

export type AuthOutput =
  | { readonly kind: 'register'; readonly outcome: RegisterOutcome }
  | { readonly kind: 'authenticate'; readonly file: string; readonly decision: AuthDecision }
  | { readonly kind: 'list'; readonly entries: readonly RecordSummary[] }
  | { readonly kind: 'delete'; readonly name: string; readonly removed: boolean }
  | { readonly kind: 'stats'; readonly stats: AuthStats }
  | { readonly kind: 'attempts'; readonly entries: readonly AttemptEntry[]; readonly damaged: number };

/** The last `count` authentication attempts of the audit log, newest first. */
export const recentAttempts = async (auth: Pick<AuthService, 'audit'>, count: number): Promise<AuthOutput> => {
  const { entries, damaged } = await auth.audit.read();
  const attempts = entries.filter((e): e is AttemptEntry => e.event === 'authenticate');
  return { kind: 'attempts', entries: attempts.slice(-count).reverse(), damaged };
};

/** How the banner words a decision. */
export const decisionLines = (d: AuthDecision): { title: string; details: string[] } => {
  const score = d.score === null ? '-' : d.score.toFixed(3);
  const margin =
    d.margin !== null
      ? ` · margin ${d.margin >= 0 ? '+' : ''}${d.margin.toFixed(3)} over the next person`
      : d.mode === 'verify' && !d.authenticated
        ? '' // a denied claim says nothing of the other people
        : ' · margin no other person to compare';
  const faces = d.faces === null ? '' : d.faces === 1 ? ' · 1 face' : ` · ${d.faces} faces (the largest was judged)`;
  const threshold = formatThreshold(d.threshold);
  const figures = `score ${score} · threshold ${threshold}${margin}${faces}`;
  switch (d.reason) {
    case 'match':
      return { title: `ACCEPTED  ${d.name ?? ''}`, details: [figures] };
    case 'below-threshold':
      return { title: 'DENIED', details: [figures, `no enrolled person reaches the threshold (best score ${score} < ${threshold})`] };
    case 'no-one-enrolled':
      return { title: 'DENIED', details: ['no one is enrolled: register someone first'] };
    case 'not-enrolled':
      return { title: 'DENIED', details: [`${d.claimed ?? ''} is not enrolled`] };
    case 'locked-out': {
      const who = d.lockedUser ?? d.claimed ?? 'this person';
      const wait = `try again in ${d.retryAfterSeconds ?? 0} s`;
      // 1:N: the face was compared and matched someone who is locked out; 1:1: refused before looking.
      return d.claimed === null
        ? {
            title: `DENIED (${who} is locked out)`,
            details: [`threshold ${threshold} · no score shown${faces}`, `the face matches ${who}, who is locked out after too many failed attempts; ${wait}`],
          }
        : { title: `DENIED (${who} is locked out)`, details: [`too many failed attempts for ${who}: the photo was not looked at; ${wait}`] };
    }
    case 'error':
      return { title: 'ERROR', details: [] };
  }
};
