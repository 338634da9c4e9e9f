import { UpstreamError, ValidationError } from '../../../../lib/errors.ts';
import { isUnavailable, providerGet } from '../http.ts';
import type { AccountOwnership } from '../ownership-types.ts';

export const telegramOwnership: AccountOwnership<'TELEGRAM'> = {
  label: 'Telegram bot',
  tokenField: 'botToken',
  // The bot's numeric id is the part of the token before the colon (what getMe answers as its id).
  accountIdOf: (c) => c.botToken.slice(0, c.botToken.indexOf(':')),
  verify: async (urls, c) => {
    const answer = await providerGet('Telegram', `${urls.TELEGRAM_API_URL}/bot${c.botToken}/getMe`);
    if (isUnavailable(answer.status)) throw new UpstreamError('Telegram is unavailable; the bot token could not be checked, try again later');
    if ((answer.body as { ok?: unknown } | undefined)?.ok !== true) {
      throw ValidationError.field('credentials.botToken', 'Telegram refused this bot token');
    }
  },
};
