/**
 * One line of the audit log. Entries say who, when, what was decided and how
 * close it was — never the image, the embedding or a file path (the image's
 * SHA-256 lets an investigator check whether a given file was the one used).
 * Events: authenticate (1:1 and 1:N attempts), search (1:N look-ups: an
 * identification too, so it is recorded), register and delete.
 */
import { z } from 'zod';

export const authResults = ['accepted', 'denied', 'locked', 'error'] as const;
export type AuthResult = (typeof authResults)[number];

/** Why an attempt ended as it did. */
export const authReasons = ['match', 'below-threshold', 'no-one-enrolled', 'not-enrolled', 'locked-out', 'error'] as const;
export type AuthReason = (typeof authReasons)[number];

const score = z.number().nullable();

const authenticateEntry = z.object({
  time: z.iso.datetime(),
  event: z.literal('authenticate'),
  result: z.enum(authResults),
  reason: z.enum(authReasons),
  /** 'identify' = 1:N over everyone; 'verify' = 1:1 against a claimed user. */
  mode: z.enum(['identify', 'verify']),
  /** The claimed user (verify), else null. */
  claimed: z.string().nullable(),
  /** The person accepted, else null. */
  name: z.string().nullable(),
  score,
  threshold: z.number(),
  margin: score,
  faces: z.number().int().nonnegative().nullable(),
  imageSha256: z.string().nullable(),
  /** Error code when result is 'error'. */
  code: z.string().optional(),
  /** Result 'locked': the locked-out person (the claimed user, or whom the face matched in 1:N). */
  lockedUser: z.string().optional(),
});

const searchEntry = z.object({
  time: z.iso.datetime(),
  event: z.literal('search'),
  /** 'ok' (the list was shown) or 'error' (no face, bad file...: then `code`). */
  result: z.enum(['ok', 'error']),
  /** How many people were asked for. */
  k: z.number().int().positive(),
  threshold: z.number(),
  faces: z.number().int().nonnegative().nullable(),
  /**
   * The people shown, best first, with their scores (people locked out are left out; logs
   * written before that listed them with `lockedOut: true` and no score, still readable).
   */
  hits: z.array(z.object({ name: z.string(), score: score, lockedOut: z.literal(true).optional() })),
  imageSha256: z.string().nullable(),
  code: z.string().optional(),
});

const registerEntry = z.object({
  time: z.iso.datetime(),
  event: z.literal('register'),
  name: z.string(),
  /** Templates added by this registration, and the person's total after it. */
  added: z.number().int().nonnegative(),
  templates: z.number().int().nonnegative(),
  /** 'new', 'add' (appended) or 'replace' (--force on an existing name). */
  mode: z.enum(['new', 'add', 'replace']),
  /** The person the face already matched, registered anyway with --force. */
  collidedWith: z.string().nullable(),
});

const deleteEntry = z.object({
  time: z.iso.datetime(),
  event: z.literal('delete'),
  name: z.string(),
  /** The storage key, when an entry (a damaged record) was removed by key; `name` then repeats it. */
  key: z.string().optional(),
});

export const auditEntrySchema = z.discriminatedUnion('event', [authenticateEntry, searchEntry, registerEntry, deleteEntry]);

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuthenticateEntry = z.infer<typeof authenticateEntry>;
export type SearchEntry = z.infer<typeof searchEntry>;
export type RegisterEntry = z.infer<typeof registerEntry>;
export type DeleteEntry = z.infer<typeof deleteEntry>;

/** The entry of a JSON line, or undefined when the line is not a valid entry. */
export const parseAuditLine = (line: string): AuditEntry | undefined => {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = auditEntrySchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
};
