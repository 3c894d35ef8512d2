// Runs a command and kills its whole process group once the owner process is gone.
//
//   node watchdog.cjs <owner pid> <command> [args...]
//
// e2e/harness/processes.ts starts every n8n (and npm, and `npm start`) through this, as the leader
// of a new process group. An owner that ends normally stops its groups itself; this covers the
// owner that cannot: a jest worker killed by Ctrl-C (jest's sandboxed `process` never sees the
// signal, so no handler runs there), or anything killed with SIGKILL.
'use strict';
const { spawn } = require('node:child_process');
const { constants } = require('node:os');

const [ownerPid, command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: 'inherit' }); // stays in our process group

// A stop sends SIGTERM to the whole group: the command gets it directly, and we wait for it.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => undefined);

const ownerGone = () => {
	try {
		process.kill(Number(ownerPid), 0);
		return false;
	} catch (error) {
		return error.code === 'ESRCH';
	}
};
const timer = setInterval(() => {
	if (!ownerGone()) return;
	try {
		process.kill(-process.pid, 'SIGKILL');
	} catch {
		process.exit(137);
	}
}, 1000);

child.on('error', (error) => {
	console.error(`watchdog: cannot start ${command}: ${error.message}`);
	process.exit(127);
});
child.on('exit', (code, signal) => {
	clearInterval(timer);
	process.exit(code ?? 128 + (constants.signals[signal] ?? 1));
});
