/*
 * Generic nominal agreement statistics over a reliability matrix: percent agreement, Cohen's
 * kappa and Krippendorff's alpha. They know nothing of codings; `code-points.ts` applies them.
 */

/** Input the statistics cannot be computed on: a caller's mistake, not a property of the data. */
export class AgreementInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AgreementInputError';
	}
}

/**
 * A reliability matrix: one row per coder, one column per unit, `null` where a coder gave no
 * value. Values are compared as `Map` keys do (SameValueZero), so objects compare by identity.
 */
export type ReliabilityMatrix<V> = readonly (readonly (V | null)[])[];

function unitCount<V>(matrix: ReliabilityMatrix<V>): number {
	const units = matrix[0]?.length ?? 0;
	matrix.forEach((row, coder) => {
		if (row.length !== units) {
			throw new AgreementInputError(
				`Coder ${coder + 1} has ${row.length} values but coder 1 has ${units}; every row needs one value (or null) per unit`
			);
		}
	});
	return units;
}

/** The values given to one unit, skipping missing ones. */
function unitValues<V>(matrix: ReliabilityMatrix<V>, unit: number): V[] {
	const values: V[] = [];
	for (const row of matrix) {
		const value = row[unit];
		if (value !== null) values.push(value);
	}
	return values;
}

/**
 * Share of units on which every coder who gave a value gave the same one. Units with fewer than
 * two values are left out, as in Krippendorff's alpha: a single value agrees with nothing.
 * `null` when no unit has two values.
 */
export function percentAgreement<V>(matrix: ReliabilityMatrix<V>): number | null {
	const units = unitCount(matrix);
	let pairable = 0;
	let agreeing = 0;
	for (let unit = 0; unit < units; unit++) {
		const values = unitValues(matrix, unit);
		if (values.length < 2) continue;
		pairable++;
		if (new Set(values).size === 1) agreeing++;
	}
	return pairable === 0 ? null : agreeing / pairable;
}

/** Equality as `Map` and `Set` see it: like `===`, except that NaN equals NaN. */
function sameValueZero(x: unknown, y: unknown): boolean {
	return x === y || (x !== x && y !== y);
}

/**
 * Cohen's kappa for two coders who each put every unit in one nominal category:
 * κ = (pₒ − pₑ) / (1 − pₑ), with pₒ the share of units they agree on and pₑ the agreement
 * expected by chance, Σ over categories of the product of the two coders' shares.
 *
 * `null` when there are no units, and when pₑ = 1, which happens only when both coders put every
 * unit in the same single category: agreement is then total but cannot be told from chance, and
 * the formula is 0/0. Reporting 1 would claim a reliability the data cannot show.
 */
export function cohensKappa<V>(a: readonly V[], b: readonly V[]): number | null {
	if (a.length !== b.length) {
		throw new AgreementInputError(
			`Cohen's kappa needs one value per unit from each coder; got ${a.length} and ${b.length}`
		);
	}
	const units = a.length;
	if (units === 0) return null;
	const countsA = new Map<V, number>();
	const countsB = new Map<V, number>();
	let agreeing = 0;
	for (let unit = 0; unit < units; unit++) {
		countsA.set(a[unit], (countsA.get(a[unit]) ?? 0) + 1);
		countsB.set(b[unit], (countsB.get(b[unit]) ?? 0) + 1);
		if (sameValueZero(a[unit], b[unit])) agreeing++;
	}
	if (countsA.size === 1 && countsB.size === 1 && countsB.has(a[0])) return null;
	let expected = 0;
	for (const [category, countA] of countsA) expected += (countA / units) * ((countsB.get(category) ?? 0) / units);
	return (agreeing / units - expected) / (1 - expected);
}

/**
 * Krippendorff's alpha for nominal data, any number of coders, missing values allowed:
 * α = 1 − D_o / D_e = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, where o is the coincidence
 * matrix (each ordered pair of values within a unit of m_u values adds 1 / (m_u − 1)), n_c its
 * marginals and n the number of pairable values. Units with fewer than two values are dropped.
 * `null` when D_e = 0: no pairable values, or a single category among them.
 */
export function krippendorffAlphaNominal<V>(matrix: ReliabilityMatrix<V>): number | null {
	const units = unitCount(matrix);
	const marginals = new Map<V, number>();
	let pairableValues = 0;
	let offDiagonal = 0;
	for (let unit = 0; unit < units; unit++) {
		const values = unitValues(matrix, unit);
		const m = values.length;
		if (m < 2) continue;
		const inUnit = new Map<V, number>();
		for (const value of values) inUnit.set(value, (inUnit.get(value) ?? 0) + 1);
		// Ordered pairs of differing values in the unit: all m² pairs minus those within one category.
		let samePairs = 0;
		for (const [value, count] of inUnit) {
			samePairs += count * count;
			marginals.set(value, (marginals.get(value) ?? 0) + count);
		}
		offDiagonal += (m * m - samePairs) / (m - 1);
		pairableValues += m;
	}
	let expectedPairs = pairableValues * pairableValues;
	for (const count of marginals.values()) expectedPairs -= count * count;
	if (expectedPairs === 0) return null;
	return 1 - ((pairableValues - 1) * offDiagonal) / expectedPairs;
}
