/**
 * `npm start`: a real n8n with this package, and a local mail catcher (MailDev) to send to.
 *
 *   npm start                      n8n 2.x (Node 24, installed on first run)
 *   npm start -- --n8n 1           n8n 1.x (the system Node 20)
 *   npm start -- --port 5800       n8n on another port (default 5678, or the next free one)
 *   npm start -- --reset           forget the dev instance (owner, workflows, executions) first
 *   npm start -- --verbose         also print n8n's log here
 *
 * Every start builds and packs the working tree and installs the tarball into the instance's
 * user folder the way Settings > Community Nodes does, so n8n runs the code you just changed.
 * On the first start it creates the owner account, the credential "Local mail catcher" and the
 * ready workflows (readyWorkflows below). Ctrl-C stops n8n and the catcher.
 *
 * Where things live: ~/.cache/n8n-nodes-mailshit/dev/n8n-<major>/ (user/ is N8N_USER_FOLDER,
 * n8n.log its log), one folder per major because their databases differ.
 * For the e2e suite: MAILSHIT_DEV_HOME, MAILSHIT_CATCHER_SMTP_PORT, MAILSHIT_CATCHER_HTTP_PORT.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { buildAndPack, installCommunityPackage, PACKAGE_NAME } from '../e2e/harness/communityPackage';
import { codeNode, localCatcherCredential, mailshitNode, sendWorkflow, type WorkflowFixture } from '../e2e/harness/fixtures';
import { newsletterParameters, subscriber } from '../examples/newsletter';
import { N8nCli, type CredentialImport } from '../e2e/harness/n8nCli';
import { N8nRestClient } from '../e2e/harness/n8nRest';
import { startN8nServer, type N8nServer } from '../e2e/harness/n8nServer';
import { lastLines, portInUse } from '../e2e/harness/processes';
import { abortInstalls, ensureN8nInstalled } from '../e2e/install-n8n';
import { cacheRoot, n8nInstall, type N8nMajor } from '../e2e/n8n-versions';
import { CATCHER_CREDENTIAL, CATCHER_HTTP_PORT, CATCHER_SMTP_PORT, DEMO_OWNER, EXAMPLE_WORKFLOW_ID, EXAMPLE_WORKFLOW_NAME } from './lib/devDefaults';
import { PortTakenError, startMailDev, type MailCatcher } from './lib/mailDev';
import { orderConfirmationWorkflow } from './lib/orderConfirmationWorkflow';

interface Options {
	major: N8nMajor;
	port?: number;
	reset: boolean;
	verbose: boolean;
}

function usage(problem: string): never {
	console.error(`${problem}\nusage: npm start -- [--n8n 1|2] [--port <port>] [--reset] [--verbose]`);
	process.exit(2);
}

function parseOptions(argv: string[]): Options {
	const options: Options = { major: 2, reset: false, verbose: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
		if (flag === '--n8n') {
			const major = Number(value().replace(/^v?(\d+).*$/, '$1'));
			if (major !== 1 && major !== 2) usage('--n8n is 1 or 2');
			options.major = major;
		} else if (flag === '--port') {
			options.port = Number(value());
			if (!Number.isInteger(options.port) || options.port <= 0) usage('--port takes a port number');
		} else if (flag === '--reset') options.reset = true;
		else if (flag === '--verbose') options.verbose = true;
		else if (flag === '--help' || flag === '-h') usage('mailshit dev environment');
		else usage(`unknown option ${argv[i]}`);
	}
	return options;
}

const t0 = Date.now();
const step = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${line}`);

async function firstFreePort(from: number): Promise<number> {
	for (let port = from; port < from + 50; port++) if (!(await portInUse(port))) return port;
	throw new Error(`no free port in ${from}..${from + 49}`);
}

/** What a Ctrl-C or a failure must stop, whenever it comes. */
const running: { catcher?: MailCatcher; server?: N8nServer } = {};

/** The workflows a first start creates, each ready to run against the catcher. A new one goes here. */
function readyWorkflows(credential: CredentialImport): WorkflowFixture[] {
	const subscribers = [
		subscriber(1, { first_name: 'Ada', email: 'ada@example.com', company: 'Analytical Engines Ltd', plan: 'Pro' }),
		subscriber(2, { first_name: 'Grace', email: 'grace@example.com', company: 'Cobol & Sons', plan: 'Team' }),
		// codeNode writes the rows as JSON, which drops the undefined first name: the template says "friend"
		subscriber(3, { email: 'anonymous@example.com', company: 'Nameless Inc.', plan: 'Free', first_name: undefined }),
	];
	return [
		sendWorkflow(EXAMPLE_WORKFLOW_ID, EXAMPLE_WORKFLOW_NAME, codeNode('Subscribers', subscribers), mailshitNode('Send newsletter', credential, newsletterParameters())),
		orderConfirmationWorkflow(credential),
	];
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const install = n8nInstall(options.major)!;
	const home = process.env.MAILSHIT_DEV_HOME || path.join(cacheRoot(), 'dev', `n8n-${options.major}`);
	const userFolder = path.join(home, 'user');
	const logFile = path.join(home, 'n8n.log');
	const smtpPort = Number(process.env.MAILSHIT_CATCHER_SMTP_PORT || CATCHER_SMTP_PORT);
	const httpPort = Number(process.env.MAILSHIT_CATCHER_HTTP_PORT || CATCHER_HTTP_PORT);

	let stopping = false;
	const shutdown = async (code: number, why: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${why}: stopping n8n and the mail catcher ...`);
		abortInstalls();
		await running.server?.stop();
		await running.catcher?.close();
		console.log('stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0, 'Ctrl-C'));
	process.on('SIGTERM', () => void shutdown(0, 'SIGTERM'));

	console.log(`mailshit dev environment: n8n ${install.version} with ${PACKAGE_NAME} from ${path.resolve(__dirname, '..')}\n`);

	step(`mail catcher: MailDev, SMTP on 127.0.0.1:${smtpPort}`);
	try {
		// the inbox prefers its usual port, and takes any free one when that is busy
		running.catcher = await startMailDev({ smtpPort, webPort: (await portInUse(httpPort)) ? 0 : httpPort });
	} catch (error) {
		if (error instanceof PortTakenError && error.port === smtpPort) {
			console.error(
				`\nSMTP port ${smtpPort} is already in use: another mail catcher (MailDev, Mailpit, Mailhog) or an` +
					` \`npm start\` in another terminal may be running. Stop it and try again.`,
			);
			process.exit(1);
		}
		throw error;
	}
	const catcher = running.catcher;
	catcher.onMessage((m) => step(`inbox: "${m.subject}" for ${m.to.join(', ')}`));

	step(install.installed ? `n8n ${install.version}: installed` : `n8n ${install.version}: first run, installing (several minutes, once) into ${install.dir}`);
	await ensureN8nInstalled([options.major], { log: (line) => step(line) });
	const installed = n8nInstall(options.major)!;

	if (options.reset && existsSync(home)) {
		step(`--reset: removing ${home}`);
		rmSync(home, { recursive: true, force: true });
	}
	mkdirSync(userFolder, { recursive: true });
	const cli = new N8nCli(installed, userFolder);

	const packDir = path.join(home, 'pack');
	rmSync(packDir, { recursive: true, force: true });
	const tarball = await buildAndPack(packDir, (line) => step(`${PACKAGE_NAME}: ${line}`));
	step(`${PACKAGE_NAME}: installing ${path.basename(tarball)} into ${path.join(userFolder, '.n8n', 'nodes')} (as Community Nodes does)`);
	const pkg = await installCommunityPackage(tarball, userFolder, cli.env());

	const credential = localCatcherCredential(CATCHER_CREDENTIAL.id, CATCHER_CREDENTIAL.name, smtpPort, DEMO_OWNER.email);
	const workflows = readyWorkflows(credential);
	const seededFile = path.join(home, 'seeded.json');
	if (!existsSync(seededFile)) {
		step(`first start: creating the credential "${CATCHER_CREDENTIAL.name}" and the example workflow${workflows.length > 1 ? 's' : ''}`);
		await cli.importCredentials([credential]);
		await cli.importWorkflows(workflows);
		const seeded = { credential: credential.id, workflows: workflows.map((w) => w.id), n8n: installed.version, at: new Date().toISOString() };
		writeFileSync(seededFile, `${JSON.stringify(seeded, null, 2)}\n`);
	}

	const port = options.port ?? (await firstFreePort(5678));
	if (options.port && (await portInUse(port))) usage(`port ${port} is in use`);
	step(`n8n ${installed.version}: starting on http://127.0.0.1:${port} (log ${logFile})`);
	appendFileSync(logFile, `\n==== npm start ${new Date().toISOString()} (n8n ${installed.version}, ${PACKAGE_NAME}@${pkg.version}) ====\n`);
	const server = await startN8nServer({ install: installed, userFolder, logFile, port, logFormat: 'text', extraEnv: { N8N_LOG_LEVEL: 'info' } });
	running.server = server;
	const created = await new N8nRestClient(server.baseUrl).setupOwner(DEMO_OWNER);
	if (created) step(`owner account created: ${DEMO_OWNER.email}`);

	if (options.verbose) {
		let printed = readFileSync(logFile, 'utf8').length;
		setInterval(() => {
			const text = readFileSync(logFile, 'utf8');
			if (text.length > printed) process.stdout.write(text.slice(printed));
			printed = text.length;
		}, 500).unref();
	}
	void server.process.exited.then((code) => {
		if (!stopping) {
			console.error(`\nn8n exited (${code}); last lines of ${logFile}:\n${lastLines(readFileSync(logFile, 'utf8'), 20)}`);
			void shutdown(1, 'n8n stopped');
		}
	});

	console.log(`
  mailshit dev environment is up: n8n ${installed.version}, ${PACKAGE_NAME}@${pkg.version} from this working tree

  n8n editor    ${server.baseUrl}
                log in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password}${created ? '' : ' (set on the first start)'}
  Mail inbox    ${catcher.inboxUrl}
  SMTP catcher  127.0.0.1:${catcher.smtpPort} (credential "${CATCHER_CREDENTIAL.name}")

  Try it: open a workflow, click "Execute workflow", then open the inbox.
${workflows.map((w) => `  ${server.baseUrl}/workflow/${w.id}  ${w.name}`).join('\n')}

  n8n log       ${logFile}
  user folder   ${userFolder}

  Ctrl-C stops n8n and the mail catcher.
`);
}

main().catch((error: unknown) => {
	console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
	abortInstalls();
	// the exit hook of e2e/harness/processes kills whatever is left
	void Promise.allSettled([running.server?.stop(), running.catcher?.close()]).then(() => process.exit(1));
});
