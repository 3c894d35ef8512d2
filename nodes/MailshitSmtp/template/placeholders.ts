/**
 * Opaque stand-ins for variables, so a template can be compiled once and filled many times.
 *
 * A placeholder is lower-case letters and digits ("mshv12x"): MJML copies such a word verbatim
 * into text and into string attributes, html-to-text does not split or change it (no wrapping,
 * no uppercasing), and the trailing "x" ends the number so "mshv1x" is never read inside
 * "mshv12x". The prefix is lengthened until it does not occur in the template, so literal text
 * can never be mistaken for a placeholder.
 */

export interface Placeholders {
	prefix: string;
	/** The placeholder standing for token `index`. */
	of(index: number): string;
}

export function createPlaceholders(source: string): Placeholders {
	const lower = source.toLowerCase();
	let prefix = 'mshv';
	while (lower.includes(prefix)) prefix += 'q';
	return { prefix, of: (index) => `${prefix}${index}x` };
}

/** Text cut at its placeholders: literals[0], slot 0, literals[1], …; slots hold token indexes (a token may appear 0..n times). */
export interface SlottedText {
	literals: string[];
	slots: number[];
}

export function splitAtPlaceholders(text: string, placeholders: Placeholders, tokenCount: number): SlottedText {
	const literals: string[] = [];
	const slots: number[] = [];
	let last = 0;
	for (const found of findPlaceholders(text, placeholders, tokenCount)) {
		literals.push(text.slice(last, found.offset));
		slots.push(found.index);
		last = found.end;
	}
	literals.push(text.slice(last));
	return { literals, slots };
}

/** The text with slot i replaced by parts[slots[i]]. */
export function fillSlots(slotted: SlottedText, parts: readonly string[]): string {
	let out = slotted.literals[0];
	for (let i = 0; i < slotted.slots.length; i++) out += parts[slotted.slots[i]] + slotted.literals[i + 1];
	return out;
}

export interface FoundPlaceholder {
	offset: number;
	end: number;
	/** The token it stands for. */
	index: number;
}

export function findPlaceholders(text: string, placeholders: Placeholders, tokenCount: number): FoundPlaceholder[] {
	const pattern = new RegExp(`${placeholders.prefix}(\\d+)x`, 'g');
	const found: FoundPlaceholder[] = [];
	for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
		const index = Number(match[1]);
		if (index < tokenCount) found.push({ offset: match.index, end: match.index + match[0].length, index });
	}
	return found;
}
