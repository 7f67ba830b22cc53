/*
 * A small, strict XML reader for QDA-XML files coming from other tools. It reads elements,
 * attributes, text, CDATA and the predefined and numeric character references, and nothing more:
 * a document type declaration (and so any entity of its own, the road to "billion laughs" and
 * external-entity attacks) is refused outright, as are documents past the size, depth and
 * element limits. It never expands anything, so its work is linear in the input.
 */

/** Why a file was refused; each reason has a refusal key of its own, and none repeats the file. */
export type ImportRefusalReason =
	'too-large' | 'doctype' | 'malformed' | 'too-deep' | 'too-many' | 'not-codebook' | 'not-project' | 'not-archive';

export class RefiQdaImportError extends Error {
	constructor(readonly reason: ImportRefusalReason) {
		super(`The file cannot be imported (${reason}).`);
		this.name = 'RefiQdaImportError';
	}
}

export type XmlElement = {
	/** The local name, without any namespace prefix. */
	name: string;
	attributes: Record<string, string>;
	children: XmlElement[];
	/** The element's own text (not its children's), references decoded. */
	text: string;
};

export type XmlLimits = { maxChars: number; maxDepth: number; maxElements: number };

export const XML_LIMITS: XmlLimits = { maxChars: 4 * 1024 * 1024, maxDepth: 64, maxElements: 200_000 };

const NAME = /[A-Za-z_:][\w.:\u00B7\u00C0-\uFFFF-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][\w.:\u00B7\u00C0-\uFFFF-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;
const CLOSING = /<\/([A-Za-z_:][\w.:\u00B7\u00C0-\uFFFF-]*)\s*>/y;
const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlCodePoint(point: number): boolean {
	return (
		point === 0x9 ||
		point === 0xa ||
		point === 0xd ||
		(point >= 0x20 && point <= 0xd7ff) ||
		(point >= 0xe000 && point <= 0xfffd) ||
		(point >= 0x10000 && point <= 0x10ffff)
	);
}

/** Text with its references decoded; an `&` that starts no known reference is malformed. */
function decode(raw: string): string {
	if (!raw.includes('&')) return raw;
	let out = '';
	let at = 0;
	while (at < raw.length) {
		const amp = raw.indexOf('&', at);
		if (amp === -1) {
			out += raw.slice(at);
			break;
		}
		out += raw.slice(at, amp);
		REFERENCE.lastIndex = amp;
		const match = REFERENCE.exec(raw);
		if (!match) throw new RefiQdaImportError('malformed');
		if (match[1]) out += PREDEFINED[match[1]];
		else {
			const point = match[2] ? parseInt(match[2], 10) : parseInt(match[3], 16);
			if (!isXmlCodePoint(point)) throw new RefiQdaImportError('malformed');
			out += String.fromCodePoint(point);
		}
		at = REFERENCE.lastIndex;
	}
	return out;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Parses a whole document into its root element, or throws `RefiQdaImportError`. */
export function parseXml(input: string, limits: XmlLimits = XML_LIMITS): XmlElement {
	if (input.length > limits.maxChars) throw new RefiQdaImportError('too-large');
	// Line ends as an XML processor reports them; a byte-order mark is not part of the document.
	const xml = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	const stack: XmlElement[] = [];
	let root: XmlElement | null = null;
	let elements = 0;
	let at = 0;

	const addText = (text: string) => {
		const top = stack.at(-1);
		if (top) top.text += text;
		else if (text.trim() !== '') throw new RefiQdaImportError('malformed');
	};

	while (at < xml.length) {
		const open = xml.indexOf('<', at);
		if (open === -1) {
			addText(decode(xml.slice(at)));
			break;
		}
		if (open > at) addText(decode(xml.slice(at, open)));
		if (xml.startsWith('<?', open)) {
			const end = xml.indexOf('?>', open + 2);
			if (end === -1) throw new RefiQdaImportError('malformed');
			at = end + 2;
		} else if (xml.startsWith('<!--', open)) {
			const end = xml.indexOf('-->', open + 4);
			if (end === -1) throw new RefiQdaImportError('malformed');
			at = end + 3;
		} else if (xml.startsWith('<![CDATA[', open)) {
			const end = xml.indexOf(']]>', open + 9);
			if (end === -1 || stack.length === 0) throw new RefiQdaImportError('malformed');
			addText(xml.slice(open + 9, end));
			at = end + 3;
		} else if (xml.startsWith('<!', open)) {
			// DOCTYPE, ENTITY and the like: QDA-XML needs none, and they are how XML bombs are built.
			throw new RefiQdaImportError('doctype');
		} else if (xml.startsWith('</', open)) {
			CLOSING.lastIndex = open;
			const match = CLOSING.exec(xml);
			const top = stack.pop();
			if (!match || !top || localName(match[1]) !== top.name) throw new RefiQdaImportError('malformed');
			at = CLOSING.lastIndex;
		} else {
			NAME.lastIndex = open + 1;
			const name = NAME.exec(xml);
			if (!name) throw new RefiQdaImportError('malformed');
			const element: XmlElement = { name: localName(name[0]), attributes: {}, children: [], text: '' };
			let cursor = NAME.lastIndex;
			for (;;) {
				ATTRIBUTE.lastIndex = cursor;
				const attribute = ATTRIBUTE.exec(xml);
				if (!attribute) break;
				const key = localName(attribute[1]);
				if (Object.hasOwn(element.attributes, key)) throw new RefiQdaImportError('malformed');
				// Literal white space in a value reads as a space; written references keep what they say.
				element.attributes[key] = decode((attribute[2] ?? attribute[3]).replace(/[\t\n]/g, ' '));
				cursor = ATTRIBUTE.lastIndex;
			}
			TAG_END.lastIndex = cursor;
			const end = TAG_END.exec(xml);
			if (!end) throw new RefiQdaImportError('malformed');
			if (++elements > limits.maxElements) throw new RefiQdaImportError('too-many');
			const parent = stack.at(-1);
			if (parent) parent.children.push(element);
			else if (root) throw new RefiQdaImportError('malformed');
			else root = element;
			if (end[1] !== '/') {
				stack.push(element);
				if (stack.length > limits.maxDepth) throw new RefiQdaImportError('too-deep');
			}
			at = TAG_END.lastIndex;
		}
	}
	if (!root || stack.length > 0) throw new RefiQdaImportError('malformed');
	return root;
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
	return element.children.filter((child) => child.name === name);
}

export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
	return element.children.find((child) => child.name === name);
}
