import type { ResetPasswordBody } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { ValidationError } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/password.ts';
import { systemMailBody } from '../../lib/system-mail-body.ts';
import { newToken } from '../../lib/tokens.ts';
import {
  consumeResetToken,
  deleteUnusedResetTokens,
  deleteUserSessions,
  findFirstOrganizationName,
  findUserByEmail,
  insertResetToken,
  updatePasswordHash,
} from './queries.ts';

export const PASSWORD_RESET_MAIL_QUEUE = 'password-reset-mail';
export const INVALID_RESET_LINK = 'This password reset link is invalid, has expired or was already used. Ask for a new one.';

interface PasswordResetMailJob {
  email: string;
  /** Where the reset link points (lib/link-origin.ts). */
  origin: string;
}

export function passwordResetMail(parts: { origin: string; token: string; name: string; organizationName: string | null }) {
  const url = `${parts.origin}/reset-password?token=${encodeURIComponent(parts.token)}`;
  const account = parts.organizationName ? `your HelpStack account (${parts.organizationName})` : 'your HelpStack account';
  return {
    subject: 'Reset your HelpStack password',
    ...systemMailBody({
      paragraphs: [
        `Hello ${parts.name},`,
        `Somebody asked to reset the password of ${account}. The link below works once, for one hour. Resetting the password signs you out everywhere.`,
      ],
      link: { url, label: 'Choose a new password' },
      footer: 'If you did not ask for this, ignore this e-mail: your password stays as it is.',
    }),
  };
}

/**
 * The request only queues this job, whatever the address, so neither the answer nor its timing says
 * whether an account exists. The token is made here: its hash is stored and the raw token is only in
 * the mail. A retry after an SMTP failure makes a fresh one (the earlier one is deleted).
 */
async function sendPasswordResetMail(app: FastifyInstance, job: PasswordResetMailJob) {
  const user = await findUserByEmail(app.db, job.email);
  if (!user) return { sent: false };
  const token = newToken();
  await app.db.transaction(async (tx) => {
    await deleteUnusedResetTokens(tx, user.id);
    await insertResetToken(tx, { userId: user.id, token });
  });
  const organizationName = await findFirstOrganizationName(app.db, user.id);
  await app.systemMail.send({ to: user.email, ...passwordResetMail({ origin: job.origin, token, name: user.name, organizationName }) });
  return { sent: true };
}

export function definePasswordResetMailQueue(app: FastifyInstance) {
  app.queue.define<PasswordResetMailJob>({
    name: PASSWORD_RESET_MAIL_QUEUE,
    options: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
    // Several per fetch, so a burst (and the unknown addresses in it) drains without a poll per job.
    worker: { options: { batchSize: 10 }, handler: async ([job]) => sendPasswordResetMail(app, job!.data) },
  });
}

export async function queuePasswordResetMail(app: FastifyInstance, job: PasswordResetMailJob) {
  await app.queue.send<PasswordResetMailJob>(PASSWORD_RESET_MAIL_QUEUE, job);
}

/**
 * Sets the new password and signs the user out everywhere, in one transaction with using up the link.
 * The password is hashed first, outside the transaction: argon2 is slow and PGlite has one connection.
 */
/** Returns the user whose sessions were all deleted, for the session cache to drop them too. */
export async function resetPassword(db: Db, body: ResetPasswordBody): Promise<{ userId: string }> {
  const passwordHash = await hashPassword(body.password);
  return db.transaction(async (tx) => {
    const token = await consumeResetToken(tx, body.token);
    if (!token) throw ValidationError.field('token', INVALID_RESET_LINK);
    await updatePasswordHash(tx, { userId: token.userId, passwordHash });
    await deleteUserSessions(tx, token.userId);
    await deleteUnusedResetTokens(tx, token.userId);
    return { userId: token.userId };
  });
}
