import { describe, expect, it } from 'vitest';
import { metaWebhookUrl } from './webhook-setup.ts';

describe('Meta webhook setup', () => {
  it('names the route of each type under the origin, without a double slash', () => {
    expect(metaWebhookUrl('https://support.acme.test/', 'WHATSAPP')).toBe('https://support.acme.test/api/webhooks/whatsapp');
    expect(metaWebhookUrl('http://127.0.0.1:3200', 'FACEBOOK')).toBe('http://127.0.0.1:3200/api/webhooks/facebook');
  });
});
