/**
 * A real DNS server on 127.0.0.1 (dns2, UDP, a random port) serving a small zone the test writes,
 * and counting every query it receives so a test can prove what the resolver asked and how often.
 *
 *   const dns = await startDnsServer({ 'mx.test': { MX: [[10, 'mail.mx.test']] } });
 *   createDomainChecker({ servers: [dns.address] })   …   dns.queryCount('mx.test', 'MX')
 *
 * A name the zone does not hold is NXDOMAIN. Every record has TTL 0: c-ares (node's resolver)
 * keeps its own query cache for the TTL of an answer, which would hide whether *our* cache asked
 * once or a thousand times.
 */
import { EventEmitter } from 'node:events';
import dns2 from 'dns2';
import { waitForEvent } from './waitForEvent';

const { Packet } = dns2;

export type RecordType = 'MX' | 'A' | 'AAAA' | 'TXT';

/** An error reply, or no reply at all. */
export type Misbehaviour = 'SERVFAIL' | 'REFUSED' | 'NO_REPLY';

/** Records per type; a type may misbehave on its own (MX answers, A times out). Absent = NODATA. */
export interface ZoneRecords {
	/** `[preference, exchange]`; an exchange of `''` is the root name, i.e. a null MX (RFC 7505). */
	MX?: Array<[number, string]> | Misbehaviour;
	A?: string[] | Misbehaviour;
	AAAA?: string[] | Misbehaviour;
	/** One entry per record; an array is one record of several character-strings (each ≤ 255 octets). */
	TXT?: Array<string | string[]> | Misbehaviour;
}

/** What a name in the zone gets, for every type at once or per type. A name not in the zone is NXDOMAIN. */
export type ZoneEntry = ZoneRecords | Misbehaviour;

export type Zone = Record<string, ZoneEntry>;

export interface DnsQuery {
	name: string;
	type: string;
}

export interface TestDnsServer {
	/** `127.0.0.1:<port>`, the form `Resolver.setServers` and the node's DNS Servers option take. */
	address: string;
	port: number;
	queries: DnsQuery[];
	/** Queries received for `name` (case-insensitive), optionally of one record type. */
	queryCount(name: string, type?: RecordType): number;
	/** Resolves once `count` queries arrived in all; rejects after `timeoutMs` (real time, even under fake timers). */
	waitForQueries(count: number, timeoutMs?: number): Promise<void>;
	/** With `holdReplies`: sends every reply held so far, and answers at once from then on. */
	releaseReplies(): void;
	close(): Promise<void>;
}

export interface DnsServerOptions {
	/** A server that receives and counts every query and answers none. */
	silent?: boolean;
	/** Keep every reply until releaseReplies(): shows how many lookups a client has in flight at once. */
	holdReplies?: boolean;
}

function answersFor(name: string, type: RecordType, records: ZoneRecords): dns2.Packet.Resource[] {
	const base = { name, class: Packet.CLASS.IN, ttl: 0 };
	if (type === 'MX') return ((records.MX ?? []) as Array<[number, string]>).map(([priority, exchange]) => ({ ...base, type: Packet.TYPE.MX, priority, exchange }) as dns2.Packet.Resource);
	if (type === 'TXT') return ((records.TXT ?? []) as Array<string | string[]>).map((data) => ({ ...base, type: Packet.TYPE.TXT, data }) as dns2.Packet.Resource);
	return ((records[type] ?? []) as string[]).map((address) => ({ ...base, type: Packet.TYPE[type], address }) as dns2.Packet.Resource);
}

/** The entry's behaviour for this query: a misbehaviour, or the records (NODATA when none). */
function behaviourFor(entry: ZoneEntry | undefined, type: string): Misbehaviour | 'NXDOMAIN' | ZoneRecords {
	if (entry === undefined) return 'NXDOMAIN';
	if (typeof entry === 'string') return entry;
	const own = (entry as Record<string, unknown>)[type];
	return typeof own === 'string' ? (own as Misbehaviour) : entry;
}

export async function startDnsServer(zone: Zone, options: DnsServerOptions = {}): Promise<TestDnsServer> {
	const names = new Map(Object.entries(zone).map(([name, entry]) => [name.toLowerCase(), entry]));
	const queries: DnsQuery[] = [];
	const arrivals = new EventEmitter();
	let held: Array<() => void> | undefined = options.holdReplies ? [] : undefined;
	const server = dns2.createServer({
		udp: true,
		handle: (request, send) => {
			const [question] = request.questions;
			const name = question.name.toLowerCase();
			const type = Packet.typeName(question.type);
			queries.push({ name, type });
			arrivals.emit('query');
			const behaviour = behaviourFor(names.get(name), type);
			if (options.silent || behaviour === 'NO_REPLY') return;
			const response = Packet.createResponseFromRequest(request);
			if (typeof behaviour === 'string') response.header.rcode = Packet.RCODE[behaviour];
			else if (type === 'MX' || type === 'A' || type === 'AAAA' || type === 'TXT') response.answers.push(...answersFor(question.name, type, behaviour));
			const reply = () => void send(response);
			if (held) held.push(reply);
			else reply();
		},
	});
	const bound = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
	const port = bound.udp!.port;
	return {
		address: `127.0.0.1:${port}`,
		port,
		queries,
		queryCount: (name, type) => queries.filter((q) => q.name === name.toLowerCase() && (type === undefined || q.type === type)).length,
		waitForQueries: (count, timeoutMs = 5000) =>
			waitForEvent(arrivals, 'query', () => queries.length >= count, timeoutMs, () => `expected ${count} DNS queries, ${queries.length} arrived`),
		releaseReplies: () => {
			const replies = held ?? [];
			held = undefined;
			for (const reply of replies) reply();
		},
		close: () => server.close(),
	};
}
