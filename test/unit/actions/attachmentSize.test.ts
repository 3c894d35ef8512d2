import { planAttachments } from '../../../nodes/MailshitSmtp/actions/send/attachments';
import type { BinarySizeHelpers } from '../../../nodes/MailshitSmtp/helpers/binaryData';

const MB = 1024 * 1024;

/** n8n's two binary helpers, answering for one stored binary the way n8n-core does. */
function storedBinary(metadataSize: number | undefined, realSize: number): BinarySizeHelpers & { loaded: number } {
	const helpers = {
		loaded: 0,
		getBinaryMetadata: async () => {
			if (metadataSize === undefined) throw new Error('no metadata stored');
			return { fileSize: metadataSize };
		},
		getBinaryDataBuffer: async () => {
			helpers.loaded++;
			return Buffer.alloc(realSize);
		},
	};
	return helpers as unknown as BinarySizeHelpers & { loaded: number };
}

const stored = { id: 'filesystem-v2:workflows/1/executions/1/binary_data/abc', mimeType: 'application/pdf', fileName: 'big.pdf', data: 'filesystem-v2' };

describe('a binary stored without a byte size counts with its real size against Max Attachment Size', () => {
	it('from the stored file\'s metadata', async () => {
		const helpers = storedBinary(3 * MB, 3 * MB);
		const result = await planAttachments({ attachments: 'doc', maxAttachmentSizeMb: 2 }, { doc: stored }, 0, helpers);
		expect(result).toEqual({ ok: false, failure: { field: 'attachments', error: 'Attachments add up to 3.0 MB, over the 2 MB limit (Max Attachment Size)' } });
		expect(helpers.loaded).toBe(0);
	});

	it('by its length when no metadata says it', async () => {
		const helpers = storedBinary(undefined, 3 * MB);
		const result = await planAttachments({ attachments: 'doc', maxAttachmentSizeMb: 2 }, { doc: stored }, 0, helpers);
		expect(result.ok).toBe(false);
		expect(helpers.loaded).toBe(1);
	});

	it('a small one passes', async () => {
		const result = await planAttachments({ attachments: 'doc', maxAttachmentSizeMb: 2 }, { doc: stored }, 0, storedBinary(1 * MB, 1 * MB));
		expect(result).toEqual({ ok: true, value: [{ binaryProperty: 'doc' }] });
	});

	it('Max Attachment Size from an expression must be a number', async () => {
		const result = await planAttachments({ attachments: 'doc', maxAttachmentSizeMb: 'big' }, { doc: stored }, 0, storedBinary(1, 1));
		expect(result).toEqual({ ok: false, failure: { field: 'maxAttachmentSizeMb', error: 'Max Attachment Size (MB) must be a number from 0 to 100000 (got "big")' } });
	});
});
