import { onQuickExit } from '$lib/client/quick-exit';
import type { VoiceShift } from '$lib/client/voice-disguise';

/** `disguised` names the change of voice when this note replaced the recording (see voice-disguise). */
export type VoiceNote = { blob: Blob; mimeType: string; seconds: number; disguised?: VoiceShift };

export type RecorderState = 'idle' | 'requesting' | 'recording' | 'paused' | 'recorded' | 'denied' | 'unavailable';

/** Messages the voice recorder shows; the page translates them and fills `{name}` placeholders. */
export type VoiceMessageKey =
	| 'voice_or_write'
	| 'voice_record'
	| 'voice_requesting'
	| 'voice_recording_status'
	| 'voice_paused_status'
	| 'voice_pause'
	| 'voice_resume'
	| 'voice_stop'
	| 'voice_recorded'
	| 'voice_playback_label'
	| 'voice_delete'
	| 'voice_rerecord'
	| 'voice_deleted'
	| 'voice_mic_denied'
	| 'voice_mic_unavailable'
	| 'voice_limit_reached'
	| 'voice_too_large'
	| 'voice_disguise_open'
	| 'voice_disguise_legend'
	| 'voice_disguise_limits'
	| 'voice_disguise_lower_more'
	| 'voice_disguise_lower'
	| 'voice_disguise_higher'
	| 'voice_disguise_higher_more'
	| 'voice_disguise_make'
	| 'voice_disguise_working'
	| 'voice_disguise_preview_label'
	| 'voice_disguise_use'
	| 'voice_disguise_keep'
	| 'voice_disguise_used'
	| 'voice_disguise_failed';

export type VoiceRecorderOptions = {
	maxSeconds: number;
	maxBytes: number;
	onChange?: (note: VoiceNote | null) => void;
	/** A note recorded earlier, shown again when the person comes back to the question. */
	note?: VoiceNote | null;
};

/** Opus where the browser can record it (small files); Safari records AAC in MP4. */
const MIME_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', ''];
const TIMESLICE_MS = 1000;
const TICK_MS = 250;
const DENIED_ERRORS = new Set(['NotAllowedError', 'SecurityError']);

/** m:ss with Western digits, e.g. 3:07 or 10:00. */
export function formatRecordingTime(seconds: number): string {
	const whole = Math.max(0, Math.floor(seconds));
	return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

function supportedMimeType(): string {
	return MIME_TYPES.find((type) => type === '' || MediaRecorder.isTypeSupported(type)) ?? '';
}

/** Recorders alive on the page, so a kiosk device can tell that someone is speaking. */
const liveRecorders = new Set<VoiceRecorder>();

/** True while any recorder on the page asks for the microphone or records (not while paused). */
export function isRecording(): boolean {
	return [...liveRecorders].some((recorder) => recorder.state === 'requesting' || recorder.state === 'recording');
}

function stopTracks(stream: MediaStream): void {
	for (const track of stream.getTracks()) track.stop();
}

/**
 * Records one voice note in memory. The microphone is requested only when the person presses
 * record, and released as soon as recording stops, so the browser's microphone indicator never
 * stays on longer than the recording.
 */
export class VoiceRecorder {
	state = $state<RecorderState>('idle');
	elapsedSeconds = $state(0);
	note = $state.raw<VoiceNote | null>(null);
	limitReached = $state(false);
	tooLarge = $state(false);

	#options: VoiceRecorderOptions;
	#stream: MediaStream | null = null;
	#recorder: MediaRecorder | null = null;
	#chunks: Blob[] = [];
	#recordedBytes = 0;
	#recordedMs = 0;
	#runningSince: number | null = null;
	#ticker: ReturnType<typeof setInterval> | undefined;
	#finished: Promise<void> | null = null;
	// Bumped by start, discard and destroy, so a late microphone grant or recorder event from an
	// abandoned attempt is ignored instead of reviving it.
	#attempt = 0;
	#destroyed = false;
	#unregisterQuickExit: (() => void) | null = null;

	constructor(options: VoiceRecorderOptions) {
		this.#options = options;
		const note = options.note ?? null;
		if (note) {
			this.note = note;
			this.elapsedSeconds = note.seconds;
			this.state = 'recorded';
		}
		if (typeof window !== 'undefined') {
			liveRecorders.add(this);
			this.#unregisterQuickExit = onQuickExit(() => {
				this.discard();
				this.destroy();
			});
		}
	}

	static isSupported(): boolean {
		return (
			typeof navigator !== 'undefined' &&
			typeof navigator.mediaDevices?.getUserMedia === 'function' &&
			typeof window !== 'undefined' &&
			'MediaRecorder' in window
		);
	}

	/** Asks for the microphone and starts recording; replaces any earlier note. */
	async start(): Promise<void> {
		if (this.#destroyed || ['requesting', 'recording', 'paused'].includes(this.state)) return;
		if (!VoiceRecorder.isSupported()) {
			this.state = 'unavailable';
			return;
		}
		const attempt = ++this.#attempt;
		this.#setNote(null);
		this.limitReached = false;
		this.tooLarge = false;
		this.elapsedSeconds = 0;
		this.state = 'requesting';

		let stream: MediaStream;
		try {
			stream = await navigator.mediaDevices.getUserMedia({ audio: true });
		} catch (error) {
			if (attempt !== this.#attempt) return;
			const name = error instanceof Error ? error.name : '';
			this.state = DENIED_ERRORS.has(name) ? 'denied' : 'unavailable';
			return;
		}
		if (attempt !== this.#attempt) {
			stopTracks(stream);
			return;
		}
		this.#stream = stream;

		let recorder: MediaRecorder;
		try {
			const mimeType = supportedMimeType();
			recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
			this.#listen(recorder, attempt, mimeType);
			recorder.start(TIMESLICE_MS);
		} catch {
			this.#releaseStream();
			this.state = 'unavailable';
			return;
		}
		this.#recorder = recorder;
		this.#chunks = [];
		this.#recordedBytes = 0;
		this.#recordedMs = 0;
		this.#runningSince = performance.now();
		this.state = 'recording';
		this.#startTicker();
	}

	pause(): void {
		const recorder = this.#recorder;
		if (this.state !== 'recording' || recorder?.state !== 'recording') return;
		recorder.pause();
		this.#accumulate();
		this.#stopTicker();
		this.state = 'paused';
	}

	resume(): void {
		const recorder = this.#recorder;
		if (this.state !== 'paused' || recorder?.state !== 'paused') return;
		recorder.resume();
		this.#runningSince = performance.now();
		this.state = 'recording';
		this.#startTicker();
	}

	/** Stops recording; resolves once the note is ready (or refused as too large). */
	async stop(): Promise<void> {
		const recorder = this.#recorder;
		if (!recorder || (this.state !== 'recording' && this.state !== 'paused')) return;
		const finished = this.#finished;
		this.#accumulate();
		this.#stopTicker();
		if (recorder.state !== 'inactive') recorder.stop();
		this.#releaseStream();
		await finished;
	}

	/** Deletes the note, or abandons a recording in progress, and turns the microphone off. */
	discard(): void {
		this.#attempt++;
		this.#abandonRecording();
		this.limitReached = false;
		this.tooLarge = false;
		this.elapsedSeconds = 0;
		this.#setNote(null);
		if (this.state !== 'denied' && this.state !== 'unavailable') this.state = 'idle';
	}

	/**
	 * Replaces the recorded note with its changed version; the recording itself is no longer held
	 * here, and the page seals the changed one in its place.
	 */
	useDisguised(changed: VoiceNote): void {
		if (this.#destroyed || this.state !== 'recorded' || !this.note) return;
		this.#setNote(changed);
	}

	/**
	 * Stops everything and forgets the note without reporting it through onChange: the page
	 * decides whether a note outlives this recorder (quick exit discards it first).
	 */
	destroy(): void {
		this.#destroyed = true;
		this.#attempt++;
		this.#abandonRecording();
		this.note = null;
		liveRecorders.delete(this);
		this.#unregisterQuickExit?.();
		this.#unregisterQuickExit = null;
	}

	#listen(recorder: MediaRecorder, attempt: number, mimeType: string): void {
		recorder.addEventListener('dataavailable', (event) => {
			if (attempt !== this.#attempt || event.data.size === 0) return;
			this.#chunks.push(event.data);
			this.#recordedBytes += event.data.size;
			// Recording on would only produce a note that cannot be sent.
			if (this.#recordedBytes > this.#options.maxBytes) void this.stop();
			else this.#tick();
		});
		this.#finished = new Promise((resolve) => {
			// Also fires when the browser ends the recording itself (microphone unplugged).
			recorder.addEventListener(
				'stop',
				() => {
					if (attempt === this.#attempt) this.#finish(recorder.mimeType || mimeType);
					resolve();
				},
				{ once: true }
			);
		});
	}

	#finish(mimeType: string): void {
		this.#accumulate();
		this.#stopTicker();
		this.#releaseStream();
		const blob = new Blob(this.#chunks, mimeType ? { type: mimeType } : undefined);
		this.#recorder = null;
		this.#chunks = [];
		this.#recordedBytes = 0;
		const seconds = Math.min(Math.floor(this.#recordedMs / 1000), this.#options.maxSeconds);
		if (blob.size > this.#options.maxBytes) {
			this.tooLarge = true;
			this.elapsedSeconds = 0;
			this.state = 'idle';
			return;
		}
		if (blob.size === 0) {
			this.elapsedSeconds = 0;
			this.state = 'idle';
			return;
		}
		this.elapsedSeconds = seconds;
		this.#setNote({ blob, mimeType: blob.type, seconds });
		this.state = 'recorded';
	}

	#tick(): void {
		if (this.#runningSince === null) return;
		const recordedMs = this.#recordedMs + performance.now() - this.#runningSince;
		this.elapsedSeconds = Math.min(recordedMs / 1000, this.#options.maxSeconds);
		if (recordedMs >= this.#options.maxSeconds * 1000) {
			this.limitReached = true;
			void this.stop();
		}
	}

	#accumulate(): void {
		if (this.#runningSince === null) return;
		this.#recordedMs += performance.now() - this.#runningSince;
		this.#runningSince = null;
		this.elapsedSeconds = Math.min(this.#recordedMs / 1000, this.#options.maxSeconds);
	}

	#startTicker(): void {
		this.#stopTicker();
		this.#ticker = setInterval(() => this.#tick(), TICK_MS);
	}

	#stopTicker(): void {
		clearInterval(this.#ticker);
		this.#ticker = undefined;
	}

	#releaseStream(): void {
		if (this.#stream) stopTracks(this.#stream);
		this.#stream = null;
	}

	#abandonRecording(): void {
		this.#stopTicker();
		const recorder = this.#recorder;
		this.#recorder = null;
		if (recorder && recorder.state !== 'inactive') recorder.stop();
		this.#releaseStream();
		this.#chunks = [];
		this.#recordedBytes = 0;
		this.#recordedMs = 0;
		this.#runningSince = null;
		this.#finished = null;
	}

	#setNote(note: VoiceNote | null): void {
		if (this.note === note) return;
		this.note = note;
		this.#options.onChange?.(note);
	}
}
