import { isDisposableDomain, isRoleAccount } from '../../../nodes/MailshitSmtp/verification';

describe('disposable domains (disposable-email-domains list)', () => {
	it.each([
		['mailinator.com', true],
		['MAILINATOR.COM', true],
		['guerrillamail.com', true],
		['10minutemail.com', true],
		['yopmail.com', true],
		['inbox.mailinator.com', true], // subdomain of a listed service
		['gmail.com', false],
		['outlook.com', false],
		['example.com', false],
		// forwarding services real people use are not "disposable"
		['simplelogin.com', false],
		['duck.com', false],
		['com', false],
		['mailinator.com.example', false], // a listed name inside another domain is not a match
	])('%s → %s', (domain, disposable) => {
		expect(isDisposableDomain(domain)).toBe(disposable);
	});
});

describe('role accounts (role-based-email-addresses list)', () => {
	it.each([
		['info', true],
		['support', true],
		['admin', true],
		['webmaster', true],
		['postmaster', true], // RFC 2142
		['abuse', true], // RFC 2142
		['noreply', true],
		['no-reply', true],
		['Sales', true],
		['support+billing', true], // subaddress (RFC 5233)
		['"info"', true], // quoted local part
		['ada', false],
		['ada.lovelace', false],
		['information.desk.ada', false],
		['"john doe"', false],
		['+info', false],
	])('%s → %s', (localPart, role) => {
		expect(isRoleAccount(localPart)).toBe(role);
	});
});
