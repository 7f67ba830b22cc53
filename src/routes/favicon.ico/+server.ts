import { FAVICON_ICO } from './icon';
import type { RequestHandler } from './$types';

const icon = Buffer.from(FAVICON_ICO, 'base64');

/** The icon for browsers that ask for /favicon.ico instead of the SVG the pages link to. */
export const GET: RequestHandler = () =>
	new Response(icon, { headers: { 'content-type': 'image/x-icon', 'content-length': String(icon.length) } });
