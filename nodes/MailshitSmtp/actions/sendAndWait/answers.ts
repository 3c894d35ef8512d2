/**
 * The items the node outputs when its wait ends: the recipient's answer, or the timeout marker.
 * Shapes in results.ts. Pure: no n8n imports.
 */
import type { ApprovalAnswer, FormAnswer, TextAnswer, TimedOutMarker } from '../../results';
import type { AnswerValue } from './formAnswers';

export function approvalAnswer(approved: boolean, now: Date): ApprovalAnswer {
	return { data: { approved, respondedAt: now.toISOString() } };
}

/** Free Text answers `{ text }`, a custom form one key per field. */
export function formAnswer(answers: Record<string, AnswerValue>, now: Date): TextAnswer | FormAnswer {
	return { data: { ...answers, respondedAt: now.toISOString() } } as TextAnswer | FormAnswer;
}

/**
 * When the wait runs out, n8n resumes the execution without calling the node: its output is then
 * the input it was waiting with. So before it waits, the node replaces that input by this item —
 * the input item, as n8n would pass it on, with the marker merged into `data` (a `data` that is
 * not an object is replaced). The original fields stay because the response pages read their
 * parameters against this item: `{{ $json.amount }}` in a form title still finds `amount`.
 */
export function timedOutJson(json: Record<string, unknown>, deadline: Date): Record<string, unknown> & TimedOutMarker {
	const data = json.data && typeof json.data === 'object' && !Array.isArray(json.data) ? (json.data as Record<string, unknown>) : {};
	return { ...json, data: { ...data, timedOut: true, waitedUntil: deadline.toISOString() } };
}
