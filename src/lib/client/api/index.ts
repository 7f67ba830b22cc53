/**
 * The low-level helpers under the folder's own path, for code not yet moved to the typed
 * functions of each domain (./intake, ./receipts, ./auth, ...). New code imports those.
 */
export { ApiError, postJson, putBytes, requestJson } from './http';
