import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import * as render from './render.operation';
import * as send from './send/send.operation';
import * as sendAndWait from './sendAndWait/sendAndWait.operation';
import * as verify from './verify.operation';

const operations = { send, sendAndWait, render, verify } as const;

export type Operation = keyof typeof operations;

/** Dispatches on the Operation parameter; every operation reads its own parameters. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	if (!(operation in operations)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
	return operations[operation as Operation].execute.call(this);
}
