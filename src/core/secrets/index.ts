export {
  generateSecretKey,
  type KeyRing,
  KeyRingError,
  keyFingerprint,
  keyIds,
  keyRing,
  parseKeyRing,
  SECRET_KEY_BYTES,
  type SecretKey,
} from './key-ring'
export {
  isSealed,
  type OpenFailure,
  openSecret,
  resealSecret,
  SecretOpenError,
  sealedKeyId,
  sealSecret,
} from './seal'
