import type { SourcePosition } from './errors';

/** Line and column (both 1-based) of a UTF-16 offset, counting LF as the line break (CRLF ends in LF). */
export function positionAt(source: string, offset: number): SourcePosition {
	let line = 1;
	let lineStart = 0;
	for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return { line, column: offset - lineStart + 1 };
}

/** "3:14", the form used in messages. */
export function formatPosition(position: SourcePosition): string {
	return `${position.line}:${position.column}`;
}

