import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { MAIL_QUEUE, type MailJob } from './mail.ts';

let t: TestApp;
beforeAll(async () => { t = await buildTestApp(); });
afterAll(() => t.close());

const mail = (subject: string): MailJob => ({ to: 'nobody@example.com', subject, text: 'x', html: '<p>x</p>' }) as MailJob;
const jobsWith = (key: string) => t.app.queue.boss.findJobs(MAIL_QUEUE, { key });

/** A notification's jobs are queued in the receipt's transaction: a crash between commit and send loses none. */
describe('queue.sendInTransaction: the job commits or rolls back with the caller\'s transaction', () => {
  test('committed: the job exists', async () => {
    await t.app.db.transaction((tx) => t.app.queue.sendInTransaction(tx, MAIL_QUEUE, mail('kept'), { singletonKey: 'kept' }));
    expect(await jobsWith('kept')).toHaveLength(1);
  });

  test('rolled back: no job', async () => {
    await expect(t.app.db.transaction(async (tx) => {
      await t.app.queue.sendInTransaction(tx, MAIL_QUEUE, mail('gone'), { singletonKey: 'gone' });
      throw new Error('crash before commit');
    })).rejects.toThrow('crash before commit');
    expect(await jobsWith('gone')).toHaveLength(0);
  });
});
