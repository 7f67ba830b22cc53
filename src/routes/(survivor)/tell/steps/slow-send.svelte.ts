/**
 * Locking a testimony takes one to several minutes in a browser without JIT or WebAssembly (Tor
 * Browser at "Safer") or on an old phone, while the sending screen shows only its heading. After
 * a few seconds of that, the page says the device is still working and asks the person to stay.
 */
export const SLOW_SEND_MS = 8000;

export class SlowSend {
	/** True once sending has run for SLOW_SEND_MS; false again when it stops. */
	shown = $state(false);

	/** Starts counting for one sending; returns the function that stops it (and hides the note). */
	start(): () => void {
		this.shown = false;
		const timer = setTimeout(() => (this.shown = true), SLOW_SEND_MS);
		return () => {
			clearTimeout(timer);
			this.shown = false;
		};
	}
}
