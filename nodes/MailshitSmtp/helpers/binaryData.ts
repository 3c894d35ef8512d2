import type { IBinaryData } from 'n8n-workflow';

/** Bytes of a binary property without loading it: n8n records the size, or it is base64 in memory. */
export function binarySize(binary: IBinaryData): number | undefined {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (!binary.id && typeof binary.data === 'string') return Math.floor((binary.data.length * 3) / 4);
	return undefined;
}

/** "it has: data, invoice" / "it has no binary data": what to tell a user whose property name is wrong. */
export function availableBinaryProperties(binary: Record<string, IBinaryData> | undefined): string {
	const names = Object.keys(binary ?? {});
	return names.length ? `it has: ${names.join(', ')}` : 'it has no binary data';
}
