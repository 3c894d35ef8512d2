/**
 * A setting as text: a string trimmed, a number as written (an expression or an old workflow can
 * give one for a text field), anything else empty.
 */
export function settingText(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}
