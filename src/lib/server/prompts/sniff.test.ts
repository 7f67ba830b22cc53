import { describe, expect, it } from 'vitest';
import { sniffPromptFormat } from './sniff';
import { id3Mp3, m4a, oggOpus, oggVorbis, webmOpus } from './fixtures';

describe('sniffPromptFormat', () => {
	it('knows Ogg carrying Opus, WebM carrying Opus, MP3 and M4A by their first bytes', () => {
		expect(sniffPromptFormat(oggOpus())?.mimeType).toBe('audio/ogg');
		expect(sniffPromptFormat(webmOpus())?.mimeType).toBe('audio/webm');
		expect(sniffPromptFormat(id3Mp3())?.mimeType).toBe('audio/mpeg');
		expect(sniffPromptFormat(id3Mp3().slice(14))?.mimeType).toBe('audio/mpeg');
		expect(sniffPromptFormat(m4a())?.mimeType).toBe('audio/mp4');
	});

	it('refuses an Ogg file whose codec is not Opus', () => {
		expect(sniffPromptFormat(oggVorbis())).toBeNull();
	});

	it('refuses text, images, video containers and an empty file whatever they are called', () => {
		const bytes = (text: string) => new TextEncoder().encode(text);
		expect(
			sniffPromptFormat(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))
		).toBeNull();
		expect(sniffPromptFormat(bytes('<!doctype html><title>audio.ogg</title>'))).toBeNull();
		expect(sniffPromptFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
		expect(sniffPromptFormat(new Uint8Array())).toBeNull();
		const video = m4a();
		video.set(new TextEncoder().encode('qt  '), 8);
		expect(sniffPromptFormat(video)).toBeNull();
		// A WebM file without an Opus track (a video, say) is not a prompt.
		const silentWebm = webmOpus();
		silentWebm.set(new TextEncoder().encode('V_VP8_'), silentWebm.indexOf(0x41));
		expect(sniffPromptFormat(silentWebm)).toBeNull();
	});

	it('refuses an ID3 tag that is not followed by an MPEG frame', () => {
		const tagOnly = id3Mp3();
		tagOnly[14] = 0x00;
		expect(sniffPromptFormat(tagOnly)).toBeNull();
	});
});
