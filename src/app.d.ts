import type { StaffIdentity } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			staff: StaffIdentity | null;
		}
		interface PageState {
			/** Where the survivor was in the tell flow, for Back and Forward (never what they wrote). */
			tell?: { step: string; questionIndex: number; depth: number };
		}
	}
}

export {};
