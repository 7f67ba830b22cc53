import fs from 'node:fs';
import http from 'node:http';

/** status 0: the server closed the connection while this client was still sending. */
export type ChunkedAnswer = { status: number; body: string; bytesSentBeforeAnswer: number };

/**
 * Sends `totalBytes` as a chunked body (no Content-Length, as a hostile client would), piece by
 * piece and respecting back-pressure, and stops sending as soon as the server answers. Node's
 * HTTP server closes the connection after answering a body it did not read to the end, so a
 * client still writing may meet the closed connection before it reads the answer: that is
 * reported as status 0 with what had been sent by then.
 */
export function sendChunked(
	url: string,
	{
		method = 'POST',
		headers = {},
		totalBytes,
		pieceBytes = 256 * 1024
	}: { method?: string; headers?: Record<string, string>; totalBytes: number; pieceBytes?: number }
): Promise<ChunkedAnswer> {
	return new Promise((resolve, reject) => {
		let sent = 0;
		let answered = false;
		const request = http.request(url, { method, agent: false, headers }, (response) => {
			answered = true;
			const bytesSentBeforeAnswer = sent;
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (text) => (body += text));
			const done = () => {
				resolve({ status: response.statusCode ?? 0, body, bytesSentBeforeAnswer });
				request.destroy();
			};
			response.on('end', done);
			response.on('error', done);
		});
		// Once the server has answered and closed, writing fails; that is the point.
		request.on('error', (cause: NodeJS.ErrnoException) => {
			if (answered) return;
			if (cause.code === 'EPIPE' || cause.code === 'ECONNRESET')
				resolve({ status: 0, body: '', bytesSentBeforeAnswer: sent });
			else reject(cause);
		});
		const piece = Buffer.alloc(pieceBytes, 0x20);
		const pump = () => {
			while (!answered && sent < totalBytes) {
				const size = Math.min(pieceBytes, totalBytes - sent);
				sent += size;
				if (!request.write(size === pieceBytes ? piece : piece.subarray(0, size))) {
					request.once('drain', pump);
					return;
				}
			}
			if (!answered) request.end();
		};
		pump();
	});
}

/**
 * Memory a process holds itself, in bytes, from /proc: its anonymous resident memory. The
 * database file, read through a memory map, counts in VmRSS as file pages the kernel can drop
 * at any time: the same page cache that read calls filled before, shown in another column.
 */
export function residentBytes(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(status.match(/^RssAnon:\s+(\d+) kB$/m)![1]) * 1024;
}

/** Samples a process's resident memory every few milliseconds while `work` runs; the peak. */
export async function peakResidentBytesDuring(
	pid: number,
	work: () => Promise<unknown>
): Promise<{ before: number; peak: number }> {
	const before = residentBytes(pid);
	let peak = before;
	const timer = setInterval(() => (peak = Math.max(peak, residentBytes(pid))), 10);
	try {
		await work();
	} finally {
		clearInterval(timer);
	}
	return { before, peak: Math.max(peak, residentBytes(pid)) };
}
