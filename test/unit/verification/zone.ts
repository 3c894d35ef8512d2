/**
 * The zone every verification test serves from its own DNS server on 127.0.0.1. Names are under
 * `.test` (RFC 2606), except the one real disposable service, which is only ever asked of this
 * local server.
 */
import type { Zone } from '../../helpers/dnsServer';

export const ZONE: Zone = {
	'mx.test': { MX: [[20, 'backup.mx.test'], [10, 'mail.mx.test']] },
	'a-only.test': { A: ['192.0.2.10'] },
	'aaaa-only.test': { AAAA: ['2001:db8::10'] },
	// The A record is there to show that a null MX wins over the implicit-MX fallback.
	'null-mx.test': { MX: [[0, '']], A: ['192.0.2.20'] },
	'null-and-real-mx.test': { MX: [[0, ''], [10, 'mail.null-and-real-mx.test']] },
	'no-mail-host.test': {},
	'servfail.test': 'SERVFAIL',
	'refused.test': 'REFUSED',
	'silent.test': 'NO_REPLY',
	'a-servfail.test': { A: 'SERVFAIL' },
	'a-silent.test': { A: 'NO_REPLY' },
	// bücher.test in A-label form: DNS only ever sees this
	'xn--bcher-kva.test': { MX: [[10, 'mail.xn--bcher-kva.test']] },
	'mailinator.com': { MX: [[10, 'mail.mailinator.com']] },
};

/** Short enough to keep the suite fast, long enough for a loaded CI machine's loopback. */
export const TEST_TIMEOUT_MS = 300;
