/**
 * One action of a staff form at a time: `busy` while it runs, and what went wrong as a sentence
 * a person can act on (the server's message, or a fallback).
 */
export class Task {
	busy = $state(false);
	problem = $state('');

	/** Runs `work`; returns false, with `problem` set, when it throws. */
	async run(fallback: string, work: () => Promise<unknown>): Promise<boolean> {
		this.busy = true;
		this.problem = '';
		try {
			await work();
			return true;
		} catch (cause) {
			this.problem = cause instanceof Error && cause.message ? cause.message : fallback;
			return false;
		} finally {
			this.busy = false;
		}
	}

	/** Refuses before running anything, with a reason. */
	refuse(problem: string): false {
		this.problem = problem;
		return false;
	}
}
