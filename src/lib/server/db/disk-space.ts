import fs from 'node:fs';
import path from 'node:path';
import { serverConfig } from '../config';

/**
 * Room on the disk that holds DATA_DIR. Intake stops well before the disk is full (the
 * headroom), so SQLite never fails on a survivor's write; and a reserve file is kept beside the
 * database and given up when something else fills the disk, so staff can still sign in, read
 * and delete (every sign-in writes a session row, and SQLite needs room in its WAL for any
 * write, even a deletion).
 */

export type DiskSpace = { freeBytes: number; totalBytes: number };

const RESERVE_FILE = 'space-reserve';
const CHUNK_BYTES = 1024 * 1024;
/** How often staff requests may look at the disk to put the reserve back. */
const RESTORE_INTERVAL_MS = 60_000;

export function diskSpace(dir = serverConfig().dataDir): DiskSpace {
	const stats = fs.statfsSync(dir);
	return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
}

/** The free space intake must leave: the larger of a fixed floor and a share of the disk. */
export function intakeHeadroomBytes(totalBytes: number): number {
	const config = serverConfig();
	return Math.max(config.diskHeadroomMinBytes, Math.ceil((totalBytes * config.diskHeadroomPercent) / 100));
}

/**
 * Whether storing `incomingBytes` more still leaves the headroom free. A write takes its room
 * twice until the next checkpoint: once in the WAL, once in the database pages it is copied to.
 */
export function roomForIntake(incomingBytes: number): boolean {
	const { freeBytes, totalBytes } = diskSpace();
	return freeBytes - 2 * incomingBytes >= intakeHeadroomBytes(totalBytes);
}

const reservePath = () => path.join(serverConfig().dataDir, RESERVE_FILE);

export function spaceReserveBytes(): number {
	try {
		return fs.statSync(reservePath()).size;
	} catch {
		return 0;
	}
}

/**
 * Writes the reserve file (real zeros: a sparse file would reserve nothing) when it is missing
 * and the disk has room for it on top of the intake headroom. Returns whether it is in place.
 */
export function ensureSpaceReserve(): boolean {
	const wanted = serverConfig().diskReserveBytes;
	if (wanted === 0) return false;
	if (spaceReserveBytes() >= wanted) return true;
	const { freeBytes, totalBytes } = diskSpace();
	if (freeBytes + spaceReserveBytes() < wanted + intakeHeadroomBytes(totalBytes)) return false;
	let file: number | null = null;
	try {
		file = fs.openSync(reservePath(), 'w', 0o600);
		const zeros = Buffer.alloc(CHUNK_BYTES);
		for (let written = 0; written < wanted; written += CHUNK_BYTES) {
			fs.writeSync(file, zeros, 0, Math.min(CHUNK_BYTES, wanted - written));
		}
		fs.fsyncSync(file);
		return true;
	} catch (error) {
		// The disk filled while writing: better no reserve than a partial one eating the last bytes.
		fs.rmSync(reservePath(), { force: true });
		console.warn(`The space reserve could not be written: ${error instanceof Error ? error.message : ''}`);
		return false;
	} finally {
		if (file !== null) fs.closeSync(file);
	}
}

/** Gives the reserve back to the file system. Returns whether there was one to give. */
export function releaseSpaceReserve(): boolean {
	if (spaceReserveBytes() === 0) return false;
	fs.rmSync(reservePath(), { force: true });
	console.warn(
		'The disk holding the database is full: the space reserve was released so staff can sign in and delete.'
	);
	return true;
}

/** SQLite's "database or disk is full", or the file system's own ENOSPC. */
export function isDiskFull(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/**
 * Runs a write that must not fail for want of room (a staff session, a deletion): on a full
 * disk, the reserve is released and the write tried once more. Only for a write that stands
 * alone or is its own transaction, since SQLite may roll a whole transaction back on SQLITE_FULL.
 */
export function withRoomToWrite<T>(write: () => T): T {
	try {
		return write();
	} catch (error) {
		if (isDiskFull(error) && releaseSpaceReserve()) return write();
		throw error;
	}
}

let lastRestoreCheck = 0;

/**
 * Called on staff requests: releases the reserve as soon as the disk is nearly full (before a
 * write fails), and puts it back, at most once a minute, once there is room again.
 */
export function keepRoomForStaff(now = Date.now()): void {
	const wanted = serverConfig().diskReserveBytes;
	if (wanted === 0) return;
	try {
		const { freeBytes } = diskSpace();
		const reserved = spaceReserveBytes();
		if (reserved > 0 && freeBytes < wanted) releaseSpaceReserve();
		else if (reserved === 0 && now - lastRestoreCheck >= RESTORE_INTERVAL_MS) {
			lastRestoreCheck = now;
			ensureSpaceReserve();
		}
	} catch (error) {
		console.warn(`Could not check the free space of the data folder: ${error instanceof Error ? error.message : ''}`);
	}
}
