import type { Page } from 'playwright-core';

/*
 * The JavaScript memory a tab uses: its page and every dedicated worker it started, read over the
 * Chrome DevTools Protocol after a garbage collection, in MB. Typed arrays keep their bytes outside
 * the heap proper (the search index is mostly typed arrays), so those bytes are counted too.
 */

type Message = { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown> };

const MB = 1024 * 1024;

export async function tabHeap(page: Page): Promise<{ page: number; worker: number; total: number; workers: number }> {
	const session = await page.context().newCDPSession(page);
	try {
		const workers: string[] = [];
		const pending = new Map<number, (result: Record<string, unknown>) => void>();
		session.on('Target.attachedToTarget', (event) => {
			if (event.targetInfo.type === 'worker') workers.push(event.sessionId);
		});
		session.on('Target.receivedMessageFromTarget', (event) => {
			const message = JSON.parse(event.message) as Message;
			if (message.id !== undefined) pending.get(message.id)?.(message.result ?? {});
		});
		let nextId = 1;
		const inWorker = (sessionId: string, method: string) =>
			new Promise<Record<string, unknown>>((resolve) => {
				const id = nextId++;
				pending.set(id, resolve);
				void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
			});
		await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
		await new Promise((resolve) => setTimeout(resolve, 500));
		await session.send('HeapProfiler.collectGarbage');
		const used = (usage: Record<string, unknown>) =>
			Number(usage.usedSize ?? 0) + Number(usage.backingStorageSize ?? 0);
		const pageBytes = used(await session.send('Runtime.getHeapUsage'));
		let worker = 0;
		for (const sessionId of workers) {
			await inWorker(sessionId, 'HeapProfiler.collectGarbage');
			worker += used(await inWorker(sessionId, 'Runtime.getHeapUsage'));
		}
		const round = (bytes: number) => Math.round(bytes / MB);
		return { page: round(pageBytes), worker: round(worker), total: round(pageBytes + worker), workers: workers.length };
	} finally {
		await session.detach();
	}
}
