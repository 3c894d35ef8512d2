/**
 * The last execution of a workflow as n8n stored it, read from an n8n user folder's SQLite database
 * (`n8n execute` prints its run data through a stream-based logger and exits, which cuts a 10,000-
 * item run short on a pipe). Run with n8n's own Node (node:sqlite) and the `flatted` package n8n
 * stores run data with (this repo's devDependency, as in the e2e and queue suites):
 *
 *   node n8nExecution.cjs <database.sqlite> <path to flatted> <workflow id>
 *
 * Prints one JSON line: status, startedAt and stoppedAt (ms since the epoch), and per node its
 * first run's startTime, executionTime, hints and output item count.
 */
'use strict';
const { DatabaseSync } = require('node:sqlite');

const [database, flattedPath, workflowId] = process.argv.slice(2);
const { parse } = require(flattedPath);
const db = new DatabaseSync(database, { readOnly: true });
const execution = db
	.prepare('SELECT e.id, e.status, e.startedAt, e.stoppedAt, d.data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id DESC LIMIT 1')
	.get(workflowId);
if (!execution) {
	console.error(`no execution of ${workflowId} in ${database}`);
	process.exit(1);
}
// SQLite keeps n8n's dates as 'YYYY-MM-DD HH:MM:SS.mmm' in UTC
const epoch = (text) => Date.parse(`${String(text).replace(' ', 'T')}Z`);
const data = parse(execution.data);
const nodes = {};
for (const [name, runs] of Object.entries(data.resultData.runData)) {
	const task = runs[0];
	nodes[name] = {
		startTime: task.startTime,
		executionTime: task.executionTime,
		hints: (task.hints || []).map((hint) => hint.message),
		items: (task.data?.main?.[0] || []).length,
		error: task.error ? String(task.error.message) : undefined,
	};
}
const error = data.resultData.error ? String(data.resultData.error.message) : undefined;
console.log(JSON.stringify({ id: execution.id, status: execution.status, startedAt: epoch(execution.startedAt), stoppedAt: epoch(execution.stoppedAt), error, nodes }));
