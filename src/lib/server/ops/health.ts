import { db } from '../db';
import { diskSpace, intakeHeadroomBytes, type DiskSpace } from '../db/disk-space';

/**
 * Whether the portal can take testimonies now, for a monitor or a service manager: numbers of
 * nothing, names of nothing. Unavailable when the database cannot be read, or when the disk is
 * below the headroom intake keeps free, so survivors are being turned away.
 */
export type Health = { status: 'ok' } | { status: 'unavailable'; reason: string };

export function health(
	readDatabase: () => unknown = () => db().$client.prepare('select 1').get(),
	disk: () => DiskSpace = diskSpace
): Health {
	try {
		readDatabase();
	} catch {
		return { status: 'unavailable', reason: 'The database cannot be read.' };
	}
	const { freeBytes, totalBytes } = disk();
	if (freeBytes < intakeHeadroomBytes(totalBytes)) {
		return { status: 'unavailable', reason: 'The disk is below its headroom: new testimonies are refused.' };
	}
	return { status: 'ok' };
}
