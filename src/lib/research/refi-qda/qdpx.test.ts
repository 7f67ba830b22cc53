import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../offsets';
import { fieldText } from '../types';
import { projectXml, qdpx, qdpxArchive, refiQdaProject, selectionsOf } from '.';
import { goodCodings, input, notes, records } from './testing';

describe('qdpx', () => {
	const files = unzipSync(qdpx(input));
	const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);

	it('holds project.qde and a sources/<guid>.txt for each record and memo, UTF-8 without a byte-order mark', () => {
		const expected = [...records.map((record) => record.id), notes[0].id, notes[1].id, notes[2].id].map(
			(guid) => `sources/${guid}.txt`
		);
		expect(
			Object.keys(files)
				.filter((name) => !name.endsWith('/'))
				.sort()
		).toEqual(['project.qde', ...expected].sort());
		for (const bytes of Object.values(files).filter((bytes) => bytes.length > 0)) {
			expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
			expect(() => decode(bytes)).not.toThrow();
		}
		expect(decode(files['project.qde'])).toBe(projectXml(input));
		expect(decode(files[`sources/${notes[1].id}.txt`])).toBe(notes[1].text);
	});

	it('lets every selection find exactly its coded text in the source, counted in code points', () => {
		const selections = selectionsOf(decode(files['project.qde']));
		expect(selections).toHaveLength(goodCodings.length);
		for (const selection of selections) {
			const original = goodCodings.find((item) => item.id === selection.selectionGuid);
			const record = records.find((item) => item.id === selection.sourceGuid);
			if (!original || !record) throw new Error(`Selection ${selection.selectionGuid} matches no fixture coding`);
			const sourceText = decode(files[`sources/${selection.sourceGuid}.txt`]);
			const expected = sliceCodePoints(fieldText(record, original.field) ?? '', original.start, original.end);
			expect(expected.length).toBeGreaterThan(0);
			expect(sliceCodePoints(sourceText, selection.start, selection.end)).toBe(expected);
		}
	});

	it('gives the same bytes for the same project', () => {
		const project = refiQdaProject(input);
		expect(qdpxArchive(project)).toEqual(qdpx(input));
	});
});
