import {
	AgreementInputError,
	codePointAgreement,
	disagreements,
	fieldLengths,
	type AgreementFigures,
	type AgreementInput,
	type AgreementReport,
	type Disagreement
} from '$lib/research/agreement';
import { normaliseLineEndings, sliceCodePoints } from '$lib/research/offsets';
import { segmentText } from '$lib/research/segments';
import { ANSWER_TEXT_KINDS, fieldText, parseFieldAddress, textLocale } from '$lib/research/types';
import { countryIn, formatMonth, kindName, languageIn, type Wording } from '$lib/research/wording';
import type { AnswerTextKind, CorpusRecord } from '$lib/research/types';
import type { ResearchWorkspace } from '../workspace.svelte';

/*
 * The agreement page's state: which coders, records, texts and codes are compared, the figures
 * and disagreements that follow, and the side-by-side view of one disagreement. The page keeps
 * the markup and the dialog; everything it shows is worked out here.
 */

/** Disagreements listed at once; more on request, so a large comparison stays quick to render. */
export const PAGE = 50;
const EXCERPT_LENGTH = 200;
const DISPUTED = '\u0000disputed';

export type RecordMode = 'all' | 'any' | 'chosen';

export type Comparison =
	| { input: AgreementInput; report: AgreementReport; spans: Disagreement[]; codePoints: number }
	| { problem: string }
	| null;

export type SideBySideColumn = {
	coderId: string;
	codedPoints: number;
	segments: { text: string; coded: boolean; disputed: boolean }[];
};
export type SideBySide = { span: Disagreement; record: CorpusRecord; columns: SideBySideColumn[] };

/** An agreement share as a percentage with one decimal, in the locale's way ("85,1 %"). */
export const percent = (locale: string, value: number | null) =>
	value === null
		? '—'
		: new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
				value
			);
/** Kappa and alpha with three decimals, as agreement figures are usually reported ("0,667"). */
export const decimal = (locale: string, value: number | null) =>
	value === null
		? '—'
		: new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value);

export class AgreementView {
	coderChoice = $state<string[] | null>(null);
	recordMode = $state<RecordMode>('all');
	recordChoice = $state<string[]>([]);
	kindChoice = $state<AnswerTextKind[] | null>(null);
	/** A top-level code whose sub-codes alone are compared; `''` for every code. */
	theme = $state('');
	listed = $state(PAGE);
	sideBySide = $state<SideBySide | null>(null);

	constructor(
		private readonly workspace: ResearchWorkspace,
		private readonly wording: Wording
	) {}

	// Codings of records this browser could not open cannot be measured against their text.
	codings = $derived.by(() => {
		const { codings, recordsById } = this.workspace;
		return codings.filter((coding) => recordsById.has(coding.recordId));
	});
	coders = $derived.by(() => {
		const coding = new Set(this.codings.map((item) => item.coderId));
		return this.workspace.directory.coders.filter((coder) => coding.has(coder.id));
	});
	chosenCoders = $derived.by(() => {
		const wanted = new Set(this.coderChoice ?? this.coders.slice(0, 2).map((coder) => coder.id));
		return this.coders.filter((coder) => wanted.has(coder.id)).map((coder) => coder.id);
	});
	twoCoders = $derived(this.chosenCoders.length === 2);

	codersByRecord = $derived.by(() => {
		const byRecord = new Map<string, Set<string>>();
		for (const coding of this.codings) {
			const seen = byRecord.get(coding.recordId) ?? new Set<string>();
			seen.add(coding.coderId);
			byRecord.set(coding.recordId, seen);
		}
		return byRecord;
	});
	recordsByAny = $derived.by(() =>
		this.workspace.records.filter((record) =>
			this.chosenCoders.some((id) => this.codersByRecord.get(record.id)?.has(id))
		)
	);
	recordsByAll = $derived(
		this.chosenCoders.length === 0
			? []
			: this.recordsByAny.filter((record) =>
					this.chosenCoders.every((id) => this.codersByRecord.get(record.id)?.has(id))
				)
	);
	comparedRecords = $derived.by(() => {
		if (this.recordMode === 'all') return this.recordsByAll;
		if (this.recordMode === 'any') return this.recordsByAny;
		const wanted = new Set(this.recordChoice);
		return this.recordsByAny.filter((record) => wanted.has(record.id));
	});

	comparedCodings = $derived.by(() => {
		const recordIds = new Set(this.comparedRecords.map((record) => record.id));
		const coderIds = new Set(this.chosenCoders);
		return this.codings.filter((coding) => recordIds.has(coding.recordId) && coderIds.has(coding.coderId));
	});
	/**
	 * By default only the kinds of text the chosen coders coded: uncoded translations would pad
	 * every figure with agreement.
	 */
	kindsCoded = $derived.by(() => {
		const used = new Set(this.comparedCodings.map((coding) => parseFieldAddress(coding.field)?.kind));
		return ANSWER_TEXT_KINDS.filter((kind) => used.has(kind));
	});
	chosenKinds = $derived(this.kindChoice ?? (this.kindsCoded.length > 0 ? this.kindsCoded : [...ANSWER_TEXT_KINDS]));

	themes = $derived.by(() => this.workspace.codeTree.roots.map((node) => node.code));
	/** The codes the chosen coders applied to the compared texts, in codebook order. */
	comparedCodeIds = $derived.by(() => {
		const kinds = new Set<string>(this.chosenKinds);
		const inKinds = this.comparedCodings.filter((coding) => kinds.has(parseFieldAddress(coding.field)?.kind ?? ''));
		const used = new Set(inKinds.map((coding) => coding.codeId));
		const tree = this.workspace.codeTree;
		const inTheme = this.theme ? new Set(tree.withDescendants(this.theme)) : null;
		return tree.nodes.map((node) => node.code.id).filter((id) => used.has(id) && (!inTheme || inTheme.has(id)));
	});

	comparison = $derived.by((): Comparison => {
		if (this.chosenCoders.length < 2 || this.comparedRecords.length === 0) return null;
		const fields = fieldLengths(this.comparedRecords, this.chosenKinds);
		const input: AgreementInput = {
			fields,
			codings: this.codings,
			coderIds: this.chosenCoders,
			codeIds: this.comparedCodeIds
		};
		try {
			const codePoints = fields.reduce((sum, field) => sum + field.length, 0);
			return { input, report: codePointAgreement(input), spans: disagreements(input), codePoints };
		} catch (cause) {
			if (cause instanceof AgreementInputError)
				return { problem: this.wording.t('staff_analysis_agreement_problem', { reason: cause.message }) };
			throw cause;
		}
	});
	result = $derived(this.comparison && 'report' in this.comparison ? this.comparison : null);

	toggleCoder(coderId: string, chosen: boolean): void {
		const current = new Set(this.chosenCoders);
		if (chosen) current.add(coderId);
		else current.delete(coderId);
		this.coderChoice = [...current];
		this.listed = PAGE;
	}

	chooseRecordMode(mode: RecordMode): void {
		// Choosing records by hand starts from the default comparison rather than from nothing.
		if (mode === 'chosen' && this.recordChoice.length === 0) {
			this.recordChoice = this.recordsByAll.map((record) => record.id);
		}
		this.recordMode = mode;
		this.listed = PAGE;
	}

	toggleRecord(recordId: string, chosen: boolean): void {
		this.recordChoice = chosen ? [...this.recordChoice, recordId] : this.recordChoice.filter((id) => id !== recordId);
	}

	toggleKind(kind: AnswerTextKind, chosen: boolean): void {
		const current = new Set(this.chosenKinds);
		if (chosen) current.add(kind);
		else current.delete(kind);
		this.kindChoice = ANSWER_TEXT_KINDS.filter((item) => current.has(item));
	}

	showMore(): void {
		this.listed += PAGE;
	}

	/** The chosen coders who coded something in a record. */
	codersOf(recordId: string): string[] {
		return this.chosenCoders.filter((id) => this.codersByRecord.get(recordId)?.has(id));
	}

	names(coderIds: readonly string[]): string {
		return coderIds.map((id) => this.workspace.coderName(id)).join(', ');
	}

	recordLabel(record: CorpusRecord): string {
		const locale = this.wording.locale();
		return `${formatMonth(locale, record.month)} · ${countryIn(locale, record.country)} · ${languageIn(locale, record.locale)}`;
	}

	fieldLabel(field: string): string {
		const parsed = parseFieldAddress(field);
		return parsed
			? this.wording.t('staff_analysis_agreement_field', {
					answer: parsed.answerIndex + 1,
					kind: kindName(this.wording, parsed.kind)
				})
			: field;
	}

	/** "Original text, Transcript" */
	kindsCompared(): string {
		return this.chosenKinds.map((kind) => kindName(this.wording, kind)).join(', ');
	}

	/** The language of a field's text, so that survivors' words keep their own `lang` inside a staff page. */
	fieldLocale(record: CorpusRecord, field: string): string | undefined {
		const kind = parseFieldAddress(field)?.kind;
		return kind ? textLocale(record, kind) : undefined;
	}

	/** The disputed stretch, cut at 200 code points. */
	excerpt(span: Disagreement): string {
		const record = this.workspace.recordsById.get(span.recordId);
		if (!record) return '';
		const points = Array.from(sliceCodePoints(fieldContent(record, span.field), span.start, span.end));
		return points.length > EXCERPT_LENGTH ? `${points.slice(0, EXCERPT_LENGTH).join('').trimEnd()}…` : points.join('');
	}

	kappaReason(figures: AgreementFigures): string {
		const { t } = this.wording;
		if (!this.twoCoders) return t('staff_analysis_agreement_kappa_two_only', { chosen: this.chosenCoders.length });
		if (figures.units === 0) return t('staff_analysis_agreement_no_units');
		if (figures.cohensKappa === null) return t('staff_analysis_agreement_kappa_undefined');
		return '';
	}

	alphaReason(figures: AgreementFigures): string {
		const { t } = this.wording;
		if (figures.units === 0) return t('staff_analysis_agreement_no_units');
		if (figures.krippendorffAlpha === null) return t('staff_analysis_agreement_alpha_undefined');
		return '';
	}

	/**
	 * Shows a disagreement side by side: a coder who coded the span and one who did not, in the
	 * chosen order, each column marking that coder's codings of the code and the disputed stretch.
	 * False when the record is not open.
	 */
	openSideBySide(span: Disagreement): boolean {
		const record = this.workspace.recordsById.get(span.recordId);
		if (!record) return false;
		const text = fieldContent(record, span.field);
		const pair = [span.codedBy[0], span.notCodedBy[0]].filter((id): id is string => Boolean(id));
		const columns = this.chosenCoders
			.filter((id) => pair.includes(id))
			.map((coderId): SideBySideColumn => {
				const own = this.workspace.codings.filter(
					(coding) =>
						coding.recordId === span.recordId &&
						coding.field === span.field &&
						coding.codeId === span.codeId &&
						coding.coderId === coderId
				);
				const segments = segmentText(text, [...own, { id: DISPUTED, start: span.start, end: span.end }]).map(
					(segment) => ({
						text: segment.text,
						coded: segment.layers.some((layer) => layer.id !== DISPUTED),
						disputed: segment.layers.some((layer) => layer.id === DISPUTED)
					})
				);
				const codedPoints = segmentText(text, own)
					.filter((segment) => segment.layers.length > 0)
					.reduce((sum, segment) => sum + segment.end - segment.start, 0);
				return { coderId, codedPoints, segments };
			});
		this.sideBySide = { span, record, columns };
		return true;
	}

	closeSideBySide(): void {
		this.sideBySide = null;
	}
}

function fieldContent(record: CorpusRecord, field: string): string {
	return normaliseLineEndings(fieldText(record, field) ?? '');
}
