import type { SourcePosition } from './errors';

/** Line and column (both 1-based) of a UTF-16 offset, counting LF as the line break (CRLF ends in LF). */
export function positionAt(source: string, offset: number): SourcePosition {
	return new LineCursor(source).positionOf(offset);
}

/** Positions of increasing offsets in O(total length), instead of re-counting lines from the start each time. */
export class LineCursor {
	private line = 1;
	private lineStart = 0;
	private scanned = 0;

	constructor(private readonly source: string) {}

	positionOf(offset: number): SourcePosition {
		for (let i = this.source.indexOf('\n', this.scanned); i !== -1 && i < offset; i = this.source.indexOf('\n', i + 1)) {
			this.line++;
			this.lineStart = i + 1;
		}
		this.scanned = Math.max(this.scanned, offset);
		return { line: this.line, column: offset - this.lineStart + 1 };
	}
}

/**
 * A text whose positions are asked for in any order (a template's parts, revisited for every
 * repetition of a list): line starts are found once, then each position is a binary search.
 */
export class SourceText {
	private lineStarts?: number[];

	/** `partial`: the partial this text is, when it is one (positions then name it). */
	constructor(
		readonly text: string,
		readonly partial?: string,
	) {}

	positionOf(offset: number): SourcePosition {
		this.lineStarts ??= findLineStarts(this.text);
		const line = Math.max(0, lastIndexAtOrBefore(this.lineStarts, offset));
		const position: SourcePosition = { line: line + 1, column: offset - this.lineStarts[line] + 1 };
		if (this.partial !== undefined) position.partial = this.partial;
		return position;
	}
}

function findLineStarts(text: string): number[] {
	const starts = [0];
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
	return starts;
}

/** "3:14", or "3:14 of partial "footer"": the form used in messages ("at line 3:14 …"). */
export function formatPosition(position: SourcePosition): string {
	const where = `${position.line}:${position.column}`;
	return position.partial === undefined ? where : `${where} of partial "${position.partial}"`;
}


/** Index of the last entry <= value in an ascending array, or -1. */
export function lastIndexAtOrBefore(sorted: readonly number[], value: number): number {
	let low = 0;
	let high = sorted.length - 1;
	let found = -1;
	while (low <= high) {
		const mid = (low + high) >> 1;
		if (sorted[mid] <= value) {
			found = mid;
			low = mid + 1;
		} else {
			high = mid - 1;
		}
	}
	return found;
}
