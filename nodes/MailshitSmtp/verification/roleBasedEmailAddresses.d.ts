/** `role-based-email-addresses` ships no types: its main export is an array of mailbox names. */
declare module 'role-based-email-addresses' {
	const roleNames: string[] & {
		MARKETING: string[];
		NOTIFICATION: string[];
		MEETING: string[];
		OTHER: string[];
	};
	export = roleNames;
}
