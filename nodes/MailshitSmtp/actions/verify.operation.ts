import { updateDisplayOptions, type IExecuteFunctions, type INode, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { verifyFields } from '../descriptions/verify.fields';
import { validationFailed, type DnsFailedResult, type ValidationFailedResult } from '../results';
import { fail, type Result } from '../shared/result';
import { runInOrder } from '../shared/runInOrder';
import {
	createDnsLookup,
	createMailRoutingCache,
	LOOKUPS_IN_FLIGHT,
	readAddressInput,
	readDnsOptions,
	verifyAddress,
	type AddressInput,
	type DnsOptionValues,
	type MailRoutingCache,
	type Verification,
} from '../verification';
import { ItemParameters } from '../helpers/itemParameters';
import { configurationError, itemValidationError, resultItems, serviceError } from '../helpers/nodeOutput';

export const description: INodeProperties[] = updateDisplayOptions({ show: { operation: ['verify'] } }, verifyFields);

/** What an item gets: the exact `/verify` shape, or one of the two failures. */
type VerifyOutcome = Result<{ email: string; verification: Verification }, ValidationFailedResult | DnsFailedResult>;

async function verifyItem(routes: MailRoutingCache, input: AddressInput): Promise<VerifyOutcome> {
	if (!input.ok) return fail(validationFailed(input.failure));
	const outcome = await verifyAddress(input.value, routes);
	if (outcome.ok) return outcome;
	const { email, failure } = outcome.failure;
	return fail({ success: false, type: 'dns_failed', error: failure.error, code: failure.code, hint: failure.hint, email });
}

/** The error that stops the node for a failed item; built only then, not for every failure. */
function verifyError(node: INode, index: number, result: ValidationFailedResult | DnsFailedResult): Error {
	if (result.type === 'validation_failed') return itemValidationError(node, index, result);
	return serviceError(node, index, `Item ${index}: could not verify ${result.email}: ${result.error}`, result);
}

/**
 * Verify Address (mailshit's `/verify`): per item `{ email, verification: { valid, format, domain,
 * mxRecords, disposable, role } }`. No credential, nothing sent; DNS is asked once per domain per
 * execution. An empty Email is a validation_failed item; a DNS lookup without an answer is a
 * dns_failed item — never an "invalid" verdict. Without Continue On Fail either one stops the node
 * (empty Emails before any lookup is made).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();
	const params = new ItemParameters(this);
	const resultItem = resultItems(node);

	// DNS settings belong to the execution (one cache), so they are read from the first item.
	const dns = readDnsOptions(params.get<DnsOptionValues>('verifyOptions', 0, {}));
	if (!dns.ok) throw configurationError(node, dns.failure.error, dns.failure.field);
	const routes = createMailRoutingCache(createDnsLookup(dns.value));

	const inputs = items.map((_item, index) => readAddressInput(params.get<unknown>('email', index, '')));
	if (!continueOnFail) {
		const missing = inputs.findIndex((input) => !input.ok);
		const input = inputs[missing];
		if (input && !input.ok) throw itemValidationError(node, missing, input.failure);
	}

	const results = runInOrder(items.length, LOOKUPS_IN_FLIGHT, async (index, stop) => {
		const outcome = await verifyItem(routes, inputs[index]);
		if (outcome.ok) return { json: { ...outcome.value }, pairedItem: { item: index } };
		if (!continueOnFail) stop(verifyError(node, index, outcome.failure));
		return resultItem(index, outcome.failure);
	});
	return [await results];
}
