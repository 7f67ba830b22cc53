/** Fixtures for the research tests: a codebook code with empty criteria. */
import type { Code } from './types';

export function code(
	id: string,
	name: string,
	position = 0,
	parentId: string | null = null,
	fields: Partial<Code> = {}
): Code {
	const criteria = { description: '', inclusion: '', exclusion: '', example: '' };
	return { id, parentId, name, colour: '#2f6f4e', ...criteria, archived: false, position, ...fields };
}
