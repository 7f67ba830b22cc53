import { describe, expect, it } from 'vitest';
import { encodeWav, formatClock, mixToMono, playerCommand, skipTo } from './voice-playback';

const press = (
	code: string,
	modifiers: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}
) => ({
	code,
	altKey: false,
	ctrlKey: false,
	metaKey: false,
	shiftKey: false,
	...modifiers
});

describe('voice playback', () => {
	it('reads the shortcuts from the physical key, whatever the layout types', () => {
		expect(playerCommand(press('KeyK', { altKey: true }))).toBe('toggle');
		expect(playerCommand(press('Space', { ctrlKey: true }))).toBe('toggle');
		expect(playerCommand(press('KeyJ', { altKey: true }))).toBe('back');
		expect(playerCommand(press('KeyL', { altKey: true }))).toBe('forward');
	});

	it('leaves ordinary typing and other shortcuts alone', () => {
		expect(playerCommand(press('KeyK'))).toBeNull();
		expect(playerCommand(press('Space'))).toBeNull();
		expect(playerCommand(press('KeyK', { altKey: true, shiftKey: true }))).toBeNull();
		expect(playerCommand(press('KeyK', { altKey: true, ctrlKey: true }))).toBeNull();
		expect(playerCommand(press('Space', { ctrlKey: true, metaKey: true }))).toBeNull();
	});

	it('shows a length, and a dash instead of "Infinity" when it is not known', () => {
		expect(formatClock(0)).toBe('0:00');
		expect(formatClock(65.9)).toBe('1:05');
		expect(formatClock(3723)).toBe('1:02:03');
		expect(formatClock(Infinity)).toBe('–:––');
		expect(formatClock(Number.NaN)).toBe('–:––');
	});

	it('skips within the note', () => {
		expect(skipTo(3, -5, 40)).toBe(0);
		expect(skipTo(38, 5, 40)).toBe(40);
		expect(skipTo(10, 5, 40)).toBe(15);
		expect(skipTo(10, 5, Infinity)).toBe(15);
	});

	it('writes mono 16-bit WAV with its exact length in the header', () => {
		const samples = mixToMono([new Float32Array([1, -1, 0.5]), new Float32Array([1, 1, 0.5])]);
		expect([...samples]).toEqual([1, 0, 0.5]);
		const wav = new DataView(encodeWav(samples, 24_000));
		expect(String.fromCharCode(...new Uint8Array(wav.buffer, 0, 4))).toBe('RIFF');
		expect(wav.getUint32(24, true)).toBe(24_000);
		expect(wav.getUint32(40, true)).toBe(6);
		expect(wav.getInt16(44, true)).toBe(0x7fff);
		expect(wav.byteLength).toBe(50);
	});
});
