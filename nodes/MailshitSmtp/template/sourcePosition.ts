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

/** "3:14", the form used in messages. */
export function formatPosition(position: SourcePosition): string {
	return `${position.line}:${position.column}`;
}

