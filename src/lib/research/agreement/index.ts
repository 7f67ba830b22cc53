/**
 * Agreement between coders: generic nominal statistics (percent agreement, Cohen's kappa,
 * Krippendorff's alpha) and their application to codings, where every code point of a compared
 * field is a unit and each coder either coded it with a code or did not.
 *
 * Pure and synchronous, so it runs in the researcher's browser or a worker on decrypted text.
 */
export { codePointAgreement, disagreements } from './code-points';
export type { AgreementFigures, AgreementReport, BinaryTable, CodeAgreement, Disagreement } from './code-points';
export { AgreementInputError, cohensKappa, krippendorffAlphaNominal, percentAgreement } from './statistics';
export type { ReliabilityMatrix } from './statistics';
export { fieldLengths } from './units';
export type { AgreementInput, FieldLength } from './units';
