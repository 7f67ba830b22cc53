/*
 * GUIDs, which QDA-XML names every element by: our own UUIDs where there are some, and stable
 * derived ones for things without an id of their own.
 */

const UUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/**
 * Our ids are UUIDs, which the schema's GUID pattern accepts in either case; they are written in
 * lower case everywhere so references always match the element they point at. Anything that is
 * not a UUID gets a GUID derived from it, the same one on every export.
 */
export function toGuid(id: string): string {
	const match = UUID.exec(id);
	return match ? match[1].toLowerCase() : derivedGuid(`id:${id}`);
}

/**
 * A stable GUID for something with no id of its own (a variable, the coding inside a selection).
 * Uniqueness among a few thousand names is all it needs; it is not a security function.
 */
export function derivedGuid(name: string): string {
	const multipliers = [0x01000193, 0x5bd1e995, 0xcc9e2d51, 0x1b873593];
	const lanes = [0x811c9dc5, 0x050c5d1f, 0x9e3779b9, 0x27d4eb2f];
	for (let i = 0; i < name.length; i++) {
		const unit = name.charCodeAt(i);
		for (let lane = 0; lane < 4; lane++) lanes[lane] = Math.imul(lanes[lane] ^ unit, multipliers[lane]);
	}
	const hex = lanes
		.map((hash, lane) => {
			let mixed = hash ^ (lanes[(lane + 1) % 4] >>> 15);
			mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
			mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
			return ((mixed ^ (mixed >>> 16)) >>> 0).toString(16).padStart(8, '0');
		})
		.join('');
	// Version 8 (application-defined) with the RFC 9562 variant bits.
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
