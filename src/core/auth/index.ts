/** Enrolment and authentication: the public surface of src/core/auth. */
export { createAuthService, type AuthService, type AuthServiceOptions } from './auth-service.js';
export type { AuthDecision, AuthenticateOptions } from './authenticate.js';
export { isErrorRow, type BatchOutcome, type BatchRow, type BatchSummary } from './authenticate-batch.js';
export type { AuditEntry, AuthReason, AuthResult } from './audit-entry.js';
export { auditPathForStore, openAuditLog, openFileAuditLog, openMemoryAuditLog, type AuditLog } from './audit-log.js';
export { Gallery } from './gallery.js';
export { lockoutState, type LockoutState } from './lockout.js';
export { storeProfileOf, type AuthEngine } from './profile.js';
export { measureQuality, qualityProblems, type QualityReport } from './quality-gate.js';
export type { FolderOutcome, FolderSummary } from './register-folder.js';
export type { Collision, ImageVerdict, RegisterOptions, RegisterOutcome } from './register.js';
export type { SearchResult } from './search-people.js';
export { authSettingsFrom, type AuthSettings, type LockoutPolicy, type QualitySettings } from './settings.js';
export { laplacianVariance } from './sharpness.js';
export type { AttemptCounts, AuthStats } from './stats.js';
