import http from 'node:http';

/**
 * Body bytes as the server sends them to a browser that accepts brotli and gzip: the bytes on the
 * wire, without decompressing them (fetch would undo the compression).
 */
export function bytesOnTheWire(url: string): Promise<number> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
				let bytes = 0;
				response.on('data', (chunk: Buffer) => (bytes += chunk.length));
				response.on('end', () => resolve(bytes));
			})
			.on('error', reject);
	});
}
