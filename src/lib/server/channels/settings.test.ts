import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { pendingSettingChange } from '../db/schema';
import {
	DEFAULT_POW_DIFFICULTY,
	DEFAULT_RAW_RETENTION_DAYS,
	DEFAULT_UNREVIEWED_RETENTION_DAYS,
	deploymentSettings,
	powDifficulty,
	rawRetentionDays,
	retentionSettings,
	updateDeploymentSettings,
	updateRetentionSettings
} from '../settings/settings';
import { SettingOutOfRange, writeSetting } from '../settings/store';
import { adminId, lastAudit, tableCounts, useChannelsDeployment } from './fixtures';

useChannelsDeployment();

describe('deployment settings', () => {
	it('has safe defaults before an admin changes anything', () => {
		expect(deploymentSettings()).toEqual({
			deploymentName: 'TRIPS Voice',
			rawRetentionDays: DEFAULT_RAW_RETENTION_DAYS,
			unreviewedRetentionDays: DEFAULT_UNREVIEWED_RETENTION_DAYS,
			deleteVoiceAfterTranscription: true,
			powDifficulty: DEFAULT_POW_DIFFICULTY,
			rejectedGraceDays: 30,
			rejectionsPerDay: 3
		});
		expect(DEFAULT_RAW_RETENTION_DAYS).toBe(90);
		expect(DEFAULT_UNREVIEWED_RETENTION_DAYS).toBe(180);
	});

	it('refuses retention periods outside 1 to 3650 days and writes nothing', () => {
		for (const days of [0, 3651, 1.5, Number.NaN]) {
			expect(() => updateRetentionSettings({ rawRetentionDays: days })).toThrow(SettingOutOfRange);
		}
		expect(() => updateRetentionSettings({ unreviewedRetentionDays: 30, rawRetentionDays: 0 })).toThrow(
			SettingOutOfRange
		);
		expect(retentionSettings().unreviewedRetentionDays).toBe(DEFAULT_UNREVIEWED_RETENTION_DAYS);
	});

	it('accepts both bounds (the lower one after the delay for weakening changes)', () => {
		expect(updateRetentionSettings({ rawRetentionDays: 1, unreviewedRetentionDays: 3650 })).toEqual([
			'unreviewed_retention_days'
		]);
		expect(retentionSettings()).toMatchObject({
			rawRetentionDays: DEFAULT_RAW_RETENTION_DAYS,
			unreviewedRetentionDays: 3650
		});
		expect(retentionSettings(new Date(Date.now() + 8 * 24 * 60 * 60 * 1000))).toMatchObject({ rawRetentionDays: 1 });
		db().delete(pendingSettingChange).run();
	});

	it('falls back to the default when a stored value is out of bounds', () => {
		writeSetting('raw_retention_days', '99999');
		expect(rawRetentionDays()).toBe(DEFAULT_RAW_RETENTION_DAYS);
	});

	it('audits the keys an admin changed, and nothing when nothing changed', () => {
		const current = deploymentSettings();
		const changed = updateDeploymentSettings(
			{ ...current, deploymentName: '  Voice of Survivors ', deleteVoiceAfterTranscription: false },
			adminId
		);
		expect(changed).toEqual(['deployment_name', 'delete_voice_after_transcription']);
		expect(deploymentSettings()).toMatchObject({
			deploymentName: 'Voice of Survivors',
			deleteVoiceAfterTranscription: false
		});
		expect(lastAudit()).toMatchObject({
			action: 'settings.updated',
			actorId: adminId,
			detail: { keys: 'deployment_name,delete_voice_after_transcription' }
		});

		const auditBefore = tableCounts().audit;
		expect(updateDeploymentSettings(deploymentSettings(), adminId)).toEqual([]);
		expect(tableCounts().audit).toBe(auditBefore);
	});

	it('refuses a proof-of-work difficulty outside its bounds and writes nothing', () => {
		for (const powDifficulty of [0, 999, 20_000_001, 1.5]) {
			expect(() => updateDeploymentSettings({ powDifficulty }, adminId)).toThrow(SettingOutOfRange);
		}
		expect(powDifficulty()).toBe(DEFAULT_POW_DIFFICULTY);
	});

	it('refuses an empty deployment name', () => {
		expect(() => updateDeploymentSettings({ deploymentName: ' ' }, adminId)).toThrow(SettingOutOfRange);
	});
});
