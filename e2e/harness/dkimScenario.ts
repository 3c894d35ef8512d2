/**
 * DKIM through the installed package: two credentials that sign (RSA 2048 and Ed25519) and check
 * the sender's DNS at a DNS server on 127.0.0.1, one workflow that sends the newsletter through
 * each, and the verdict of a real verifier (mailauth) on what the SMTP sink received.
 */
import { newsletterParameters, subscriber } from '../../examples/newsletter';
import { dkimCredentialFields, generateDkimKey, txtStrings, verifyDkim, type DkimVerdict } from '../../test/helpers/dkim';
import { startDnsServer, type TestDnsServer } from '../../test/helpers/dnsServer';
import { startSmtpSink, type ReceivedMessage, type SmtpSink } from '../../test/helpers/smtpSink';
import { codeNode, customSmtpCredential, mailshitNode, manualTrigger, TRIGGER_NAME, type WorkflowFixture } from './fixtures';
import type { CredentialImport } from './n8nCli';

export const DKIM_WORKFLOW_ID = 'mailshitE2eDkim';
export const DKIM_DOMAIN = 'mailshit.test';
export const DKIM_NODES = { rsa: 'mailshit SMTP (RSA)', ed25519: 'mailshit SMTP (Ed25519)' } as const;
const RECIPIENTS = [subscriber(201), subscriber(202)];

export interface DkimScenario {
	sink: SmtpSink;
	dns: TestDnsServer;
	credentials: { rsa: CredentialImport; ed25519: CredentialImport };
	workflow: WorkflowFixture;
	/** The sink's messages by the node that sent them, once all have arrived. */
	messagesByNode(): Promise<Record<keyof typeof DKIM_NODES, ReceivedMessage[]>>;
	verify(message: ReceivedMessage): Promise<DkimVerdict[]>;
	close(): Promise<void>;
}

export async function startDkimScenario(): Promise<DkimScenario> {
	const keys = { rsa: generateDkimKey('rsa'), ed25519: generateDkimKey('ed25519') };
	const dns = await startDnsServer({
		[DKIM_DOMAIN]: { TXT: ['v=spf1 ip4:127.0.0.1 -all'] },
		[`_dmarc.${DKIM_DOMAIN}`]: { TXT: [`v=DMARC1; p=reject; rua=mailto:dmarc@${DKIM_DOMAIN}`] },
		[`rsa2048._domainkey.${DKIM_DOMAIN}`]: { TXT: [txtStrings(keys.rsa.record)] },
		[`ed._domainkey.${DKIM_DOMAIN}`]: { TXT: [keys.ed25519.record] },
	});
	const sink = await startSmtpSink();
	const credential = (algorithm: 'rsa' | 'ed25519', selector: string) =>
		customSmtpCredential(`mailshitE2eDkim${algorithm}`, `Sink (DKIM ${algorithm})`, sink.port, {
			fromEmail: `news@${DKIM_DOMAIN}`,
			...dkimCredentialFields(DKIM_DOMAIN, selector, keys[algorithm]),
			checkSenderDns: true,
			senderDnsServers: dns.address,
		});
	const credentials = { rsa: credential('rsa', 'rsa2048'), ed25519: credential('ed25519', 'ed') };

	// Trigger → Subscribers → both mailshit nodes side by side, one per credential
	const trigger = manualTrigger();
	const rows = codeNode('Subscribers', RECIPIENTS);
	const senders = (['rsa', 'ed25519'] as const).map((algorithm) =>
		mailshitNode(DKIM_NODES[algorithm], credentials[algorithm], newsletterParameters({ subject: `Signed with ${algorithm}: {{first_name}}` })),
	);
	const link = (node: string) => ({ node, type: 'main' as const, index: 0 });
	const workflow: WorkflowFixture = {
		id: DKIM_WORKFLOW_ID,
		name: 'mailshit e2e: DKIM-signed newsletter',
		active: false,
		nodes: [trigger, rows, ...senders],
		connections: { [TRIGGER_NAME]: { main: [[link(rows.name)]] }, [rows.name]: { main: [senders.map((node) => link(node.name))] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};

	return {
		sink,
		dns,
		credentials,
		workflow,
		async messagesByNode() {
			const messages = await sink.waitForMessages(RECIPIENTS.length * 2, 30_000);
			const sentWith = (algorithm: string) => messages.filter((message) => message.parsed.subject?.startsWith(`Signed with ${algorithm}:`));
			return { rsa: sentWith('rsa'), ed25519: sentWith('ed25519') };
		},
		verify: (message) => verifyDkim(message.raw, dns.address),
		close: async () => {
			await Promise.all([sink.close(), dns.close()]);
		},
	};
}
