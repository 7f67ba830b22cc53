import type { Page } from 'playwright-core';

/*
 * The JavaScript heap a tab uses: its page and every dedicated worker it started, read over the
 * Chrome DevTools Protocol after a garbage collection, in MB.
 */

type Message = { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown> };

const MB = 1024 * 1024;

export async function tabHeap(page: Page): Promise<{ page: number; worker: number; total: number }> {
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
		const { usedSize } = await session.send('Runtime.getHeapUsage');
		let worker = 0;
		for (const sessionId of workers) {
			await inWorker(sessionId, 'HeapProfiler.collectGarbage');
			worker += Number((await inWorker(sessionId, 'Runtime.getHeapUsage')).usedSize ?? 0);
		}
		const round = (bytes: number) => Math.round(bytes / MB);
		return { page: round(usedSize), worker: round(worker), total: round(usedSize + worker) };
	} finally {
		await session.detach();
	}
}
