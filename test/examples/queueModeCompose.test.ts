/**
 * The README's queue-mode example (examples/queue-mode/) against what the queue suite runs
 * (e2e/queue/queueEnv.ts): same mode settings on every n8n instance, one shared value for each
 * connection setting and the key, the suite's worker count and concurrency, the n8n version the
 * suites pin, and this package built into the image every instance runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { N8N_VERSIONS } from '../../e2e/n8n-versions';
import { QUEUE_MODE_ENV, SHARED_CONNECTION_KEYS, SUITE_ONLY_ENV, WORKER_CONCURRENCY, WORKER_COUNT } from '../../e2e/queue/queueEnv';

const folder = path.resolve(__dirname, '..', '..', 'examples', 'queue-mode');
const packageJson = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { name: string; version: string };

interface Service {
	image?: string;
	build?: string;
	command?: string;
	environment?: Record<string, string | number | boolean>;
	volumes?: string[];
	deploy?: { replicas?: number };
}

const compose = parse(readFileSync(path.join(folder, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const dockerfile = readFileSync(path.join(folder, 'Dockerfile'), 'utf8');
const services = compose.services;
const n8nServices = Object.entries(services).filter(([, service]) => service.build !== undefined);
const main = services.n8n;
const worker = services['n8n-worker'];
const env = (service: Service) => Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value)]));

describe('the docker-compose example runs what the queue suite runs', () => {
	it('has a main, workers, Redis and PostgreSQL; the n8n ones all build the same image', () => {
		expect(Object.keys(services).sort()).toEqual(['n8n', 'n8n-worker', 'postgres', 'redis']);
		expect(n8nServices.map(([name]) => name).sort()).toEqual(['n8n', 'n8n-worker']);
		expect(new Set(n8nServices.map(([, service]) => `${service.build} ${service.image}`)).size).toBe(1);
		expect(main.build).toBe('.');
	});

	it(`runs ${WORKER_COUNT} workers with --concurrency=${WORKER_CONCURRENCY}, as the suite does`, () => {
		expect(worker.command).toBe(`worker --concurrency=${WORKER_CONCURRENCY}`);
		expect(worker.deploy?.replicas).toBe(WORKER_COUNT);
		expect(main.command).toBeUndefined(); // the image's default: n8n start
	});

	it.each(n8nServices)('%s: the queue-mode settings with the suite\u2019s values', (_name, service) => {
		expect(env(service)).toMatchObject(QUEUE_MODE_ENV);
	});

	it('every connection setting and the encryption key: present on each n8n service, one value for all', () => {
		for (const key of SHARED_CONNECTION_KEYS) {
			const values = new Set(n8nServices.map(([, service]) => env(service)[key]));
			expect([key, values.size, [...values][0]]).toEqual([key, 1, expect.any(String)]);
		}
		// the secrets come from .env, never from the file
		expect(env(main).N8N_ENCRYPTION_KEY).toMatch(/^\$\{N8N_ENCRYPTION_KEY:\?/);
		expect(env(main).DB_POSTGRESDB_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
	});

	it('points n8n at the compose file\u2019s own Redis and PostgreSQL, with PostgreSQL\u2019s own user, database and password', () => {
		const postgres = env(services.postgres);
		const n8n = env(main);
		expect([n8n.QUEUE_BULL_REDIS_HOST, n8n.DB_POSTGRESDB_HOST]).toEqual(['redis', 'postgres']);
		expect([n8n.DB_POSTGRESDB_USER, n8n.DB_POSTGRESDB_DATABASE, n8n.DB_POSTGRESDB_PASSWORD]).toEqual([postgres.POSTGRES_USER, postgres.POSTGRES_DB, postgres.POSTGRES_PASSWORD]);
		// n8n 2.41 supports PostgreSQL 17 and newer
		expect(Number(/^postgres:(\d+)/.exec(services.postgres.image ?? '')?.[1])).toBeGreaterThanOrEqual(17);
	});

	it('keeps the suite-only settings out (short worker locks are for the kill test)', () => {
		for (const [, service] of n8nServices) {
			for (const key of Object.keys(SUITE_ONLY_ENV)) expect(env(service)).not.toHaveProperty(key);
		}
	});

	it('gives every n8n service the same volume at the folder nodes may write to (the Sent Log File)', () => {
		const folderAllowed = env(main).N8N_RESTRICT_FILE_ACCESS_TO;
		const mounts = n8nServices.map(([, service]) => (service.volumes ?? []).find((volume) => volume.endsWith(`:${folderAllowed}`)));
		expect(mounts.every((mount) => mount !== undefined && mount === mounts[0])).toBe(true);
		expect(Object.keys(compose.volumes)).toContain(mounts[0]!.split(':')[0]);
		// nothing over the user folder, where the image has the package
		for (const [, service] of n8nServices) expect((service.volumes ?? []).some((volume) => /:\/home\/node\/\.n8n$/.test(volume))).toBe(false);
	});
});

describe('the image every n8n instance runs', () => {
	const pinned = N8N_VERSIONS.find((version) => version.major === 2)!.version;

	it(`is n8n ${pinned}, the version the suites pin`, () => {
		expect(dockerfile).toContain(`ARG N8N_VERSION=${pinned}\n`);
		expect(dockerfile).toMatch(/^FROM docker\.n8n\.io\/n8nio\/n8n:\$\{N8N_VERSION\}$/m);
		expect(main.image).toBe(`n8n-mailshit:${pinned}`);
	});

	it(`has ${packageJson.name} ${packageJson.version} where Community Nodes puts packages`, () => {
		expect(dockerfile).toContain(`ARG MAILSHIT_VERSION=${packageJson.version}\n`);
		expect(dockerfile).toMatch(/cd \/home\/node\/\.n8n\/nodes[\s\S]*npm install [^\n]*\bn8n-nodes-mailshit@\$\{MAILSHIT_VERSION\}/);
	});
});
