export { type AuditChanges, auditChanges, isSecretKey, REDACTED, redact } from './audit-changes'
