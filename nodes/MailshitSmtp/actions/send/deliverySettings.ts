import type { INode } from 'n8n-workflow';
import type { ItemParameters } from '../../helpers/itemParameters';
import { configurationError, readSetting } from '../../helpers/nodeOutput';
import type { DeliveryOptions } from '../../transport/deliveryPolicy';
import { fail, ok, type Result } from '../../shared/result';
import type { ValidationFailure } from '../../validation/errors';
import { readNumberSetting, type NumberSetting } from '../../validation/numberSetting';
import { compileVariableRules, type CompiledVariableRule, type VariableRule } from '../../validation/rules';
import { createDomainChecker, readDnsOptions, type DomainChecker } from '../../verification';

/** The Send options that shape delivery (names as in descriptions/sendOptions.fields.ts). */
export interface DeliveryOptionValues {
	maxConnections?: unknown;
	messagesPerSecond?: unknown;
	retries?: unknown;
	retryDelaySeconds?: unknown;
	restartToleranceSeconds?: unknown;
	resendUncertain?: boolean;
}

/** Each number option's bounds: the same for a typed value and one from an expression (the fields' minValue and maxValue too). */
export const DELIVERY_NUMBERS = {
	maxConnections: { label: 'Max Connections', min: 1, max: 50, fallback: 5, integer: true },
	messagesPerSecond: { label: 'Messages per Second', min: 0, max: 10_000, fallback: 0 },
	retries: { label: 'Retries', min: 0, max: 10, fallback: 2, integer: true },
	retryDelaySeconds: { label: 'Retry Delay (Seconds)', min: 0, max: 3600, fallback: 1 },
	restartToleranceSeconds: { label: 'Server Restart Tolerance (Seconds)', min: 0, max: 3600, fallback: 60 },
} satisfies Record<string, NumberSetting>;

/**
 * Delivery settings belong to the execution (one pool), so they are read from the first item;
 * a value no setting could have stops the node before anything is sent.
 */
function readDeliveryOptions(values: DeliveryOptionValues, signal?: AbortSignal): Result<DeliveryOptions, ValidationFailure> {
	const numbers: Partial<Record<keyof typeof DELIVERY_NUMBERS, number>> = {};
	for (const [name, setting] of Object.entries(DELIVERY_NUMBERS) as Array<[keyof typeof DELIVERY_NUMBERS, NumberSetting]>) {
		const read = readNumberSetting(values[name], setting);
		if (!read.ok) return fail({ field: setting.label, error: read.failure });
		numbers[name] = read.value;
	}
	return ok({
		maxConnections: numbers.maxConnections!,
		messagesPerSecond: numbers.messagesPerSecond!,
		retries: numbers.retries!,
		retryBaseDelayMs: numbers.retryDelaySeconds! * 1000,
		restartToleranceMs: numbers.restartToleranceSeconds! * 1000,
		resendUncertain: values.resendUncertain === true,
		...(signal ? { signal } : {}),
	});
}

/** Send's options that hold for the whole execution (Send and Wait offers the same ones). */
interface ExecutionOptionValues extends DeliveryOptionValues {
	validationRules?: { rule?: VariableRule[] };
	verifyRecipientDomain?: boolean;
	dnsServers?: string;
	dnsTimeout?: number;
}

/** The execution-wide options, read and checked once, as both sending operations use them. */
export interface ExecutionSettings {
	delivery: DeliveryOptions;
	rules: CompiledVariableRule[];
	/** Set when Verify Recipient Domain is on: fails closed, a domain DNS cannot vouch for is not sent to. */
	domainChecker?: DomainChecker;
}

/**
 * Reads the execution-wide options from the first item (one pool, one DNS cache); a value none of
 * them could have stops the node, naming the field, before anything is sent.
 */
export function readExecutionSettings(node: INode, params: ItemParameters, signal?: AbortSignal): ExecutionSettings {
	const options = params.get<ExecutionOptionValues>('options', 0, {});
	const delivery = readDeliveryOptions(options, signal);
	if (!delivery.ok) throw configurationError(node, delivery.failure.error, delivery.failure.field);
	const dns = readDnsOptions(options);
	if (!dns.ok) throw configurationError(node, dns.failure.error, dns.failure.field);
	return {
		delivery: delivery.value,
		rules: readSetting(node, () => compileVariableRules(options.validationRules?.rule ?? []), 'Validation Rules: '),
		domainChecker: options.verifyRecipientDomain ? createDomainChecker(dns.value) : undefined,
	};
}
