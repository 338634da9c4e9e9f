export { isForbiddenAddress, literalAddress } from './address.ts';
export { isAllowed, parseAllowList, type AllowEntry, type AllowList } from './allow-list.ts';
export { OutboundError, isOutboundError, type OutboundFailure } from './errors.ts';
export { createGuardedFetch, type GuardedFetch, type GuardedFetchOptions } from './fetch.ts';
export { checkMailHost, MAIL_PORTS, type MailProtocol } from './mail.ts';
export { checkUrl, type UrlCheck } from './url.ts';
