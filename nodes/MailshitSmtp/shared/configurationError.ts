/**
 * A setting that can never work, whatever the item holds: a credential filled in wrongly, a regex
 * that does not compile. It stops the node (a NodeOperationError naming `field`) even with
 * Continue On Fail, unlike bad data in one item, which fails only that item.
 */
export class ConfigurationError extends Error {
	/** Where the setting lives, as the user knows it: `SMTP Host`, `rules[2]`, … */
	readonly field: string;

	constructor(message: string, field: string) {
		super(message);
		this.name = 'ConfigurationError';
		this.field = field;
	}
}
