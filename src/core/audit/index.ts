export { type AuditChanges, auditChanges, isSecretKey, REDACTED, redact } from './audit-changes'
export { timeOrderedUid } from './time-ordered-uid'
