import type { SubmitFunction } from '@sveltejs/kit';

/**
 * For `use:enhance` on admin forms: keeps what was typed when the server refuses it (fail),
 * lets reloaded data fill the fields after a save, and says when a submission is under way.
 */
export class KeptForm {
	pending = $state(false);

	readonly submit: SubmitFunction = () => {
		this.pending = true;
		return async ({ update }) => {
			await update({ reset: false });
			this.pending = false;
		};
	};
}
