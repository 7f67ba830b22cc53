/**
 * A testimony's reference, what staff call it aloud or in a note: eight characters drawn at
 * random when it arrives, so it reveals neither order nor time and never changes. The alphabet
 * leaves out characters read alike (0 and O, 1, I and L, U and V), so a reference copied by
 * hand is not mistaken for another.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const REFERENCE_LENGTH = 8;

const STORED = new RegExp(`^[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}$`);

/** "7QM4TXRA" is shown as "7QM4-TXRA": two groups of four are easier to read out and compare. */
export function formatReference(reference: string | null | undefined): string {
	if (!reference) return '';
	const half = REFERENCE_LENGTH / 2;
	return `${reference.slice(0, half)}-${reference.slice(half)}`;
}

/**
 * What a person typed or pasted, as a stored reference: case, spaces and dashes do not matter.
 * A character outside the alphabet makes it invalid (null) rather than match another testimony.
 */
export function parseReference(input: string): string | null {
	const compact = input
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s\-–—_.]/g, '');
	return STORED.test(compact) ? compact : null;
}
