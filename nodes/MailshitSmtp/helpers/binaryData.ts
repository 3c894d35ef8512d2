import type { IBinaryData, IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';

/**
 * The binary property `name` of an item. Own properties only: a name such as "constructor" or
 * "__proto__" must not find Object's and pass for a file.
 */
export function ownBinary(binary: IBinaryKeyData | undefined, name: string): IBinaryData | undefined {
	if (!binary || !Object.prototype.hasOwnProperty.call(binary, name)) return undefined;
	const data = binary[name];
	return data && typeof data === 'object' ? data : undefined;
}

/** The n8n helpers that find a stored binary's size. */
export type BinarySizeHelpers = Pick<IExecuteFunctions['helpers'], 'getBinaryMetadata' | 'getBinaryDataBuffer'>;

/**
 * Bytes of a binary property: the size n8n recorded, the length of its base64 in memory, the
 * stored file's metadata, or — for a binary stored without any of these — its real length.
 */
export async function binarySize(binary: IBinaryData, itemIndex: number, helpers: BinarySizeHelpers): Promise<number> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (!binary.id && typeof binary.data === 'string') return Math.floor((binary.data.length * 3) / 4);
	if (binary.id) {
		const metadata = await helpers.getBinaryMetadata(binary.id).catch(() => undefined);
		if (typeof metadata?.fileSize === 'number') return metadata.fileSize;
	}
	return (await helpers.getBinaryDataBuffer(itemIndex, binary)).length;
}

/** "it has: data, invoice" / "it has no binary data": what to tell a user whose property name is wrong. */
export function availableBinaryProperties(binary: IBinaryKeyData | undefined): string {
	const names = Object.keys(binary ?? {});
	return names.length ? `it has: ${names.join(', ')}` : 'it has no binary data';
}
