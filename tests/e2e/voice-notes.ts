import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { RunningPortal } from './harness';

/**
 * A testimony with one announced voice note of `bytes` bytes, written into the portal's file as
 * the intake would, and the receipt token that authorises the upload. Received today: an older
 * unreviewed testimony could be deleted by the retention run at start.
 */
export function testimonyAwaitingVoiceNote(portal: RunningPortal, bytes: number) {
	const database = new Database(portal.databasePath);
	try {
		const key = database.prepare('select id, channel_id from channel_key limit 1').get() as {
			id: number;
			channel_id: string;
		};
		const submissionId = randomBytes(16).toString('base64url');
		const attachmentId = randomBytes(16).toString('base64url');
		const token = randomBytes(32);
		database
			.prepare(
				`insert into submission (id, channel_id, channel_key_id, format_version, nonce, ciphertext, sealed_data_key, receipt_lookup_hash, reply_public_key, received_day, status)
				 values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 'new')`
			)
			.run(
				submissionId,
				key.channel_id,
				key.id,
				randomBytes(24),
				randomBytes(528),
				randomBytes(80),
				createHash('sha256').update(token).digest(),
				randomBytes(32),
				new Date().toISOString().slice(0, 10)
			);
		database
			.prepare('insert into attachment (id, submission_id, declared_bytes) values (?, ?, ?)')
			.run(attachmentId, submissionId, bytes);
		return { submissionId, attachmentId, token: token.toString('base64url') };
	} finally {
		database.close();
	}
}
