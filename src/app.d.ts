import type { StaffIdentity } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			staff: StaffIdentity | null;
		}
	}
}

export {};
