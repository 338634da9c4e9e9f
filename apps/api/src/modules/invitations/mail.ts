import type { Role } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import { systemMailBody } from '../../lib/system-mail-body.ts';
import { findPendingInvitationForMail } from './queries.ts';

export const INVITATION_MAIL_QUEUE = 'invitation-mail';

interface InvitationMailJob {
  invitationId: string;
  /** The raw token, encrypted (app.crypto, bound to the invitation id): job rows are not a place for live links. */
  token: string;
  /** Where the accept link points (lib/link-origin.ts), fixed when the admin invited. */
  origin: string;
}

const ROLE_WORDS: Record<Role, string> = {
  ADMIN: 'an admin',
  AGENT: 'an agent',
  VIEWER: 'a viewer',
};

export function invitationMail(parts: { origin: string; token: string; organizationName: string; inviter: string | null; role: Role; expiresAt: Date }) {
  const url = `${parts.origin}/accept-invite?token=${encodeURIComponent(parts.token)}`;
  const who = parts.inviter ? `${parts.inviter} invited you` : 'You were invited';
  const subject = `Join ${parts.organizationName} on HelpStack`;
  const body = systemMailBody({
    paragraphs: [
      `${who} to join ${parts.organizationName} on HelpStack as ${ROLE_WORDS[parts.role]}.`,
      `The invitation is valid until ${parts.expiresAt.toUTCString()}.`,
    ],
    link: { url, label: 'Accept the invitation' },
    footer: 'If you did not expect this invitation, you can ignore this e-mail.',
  });
  return { subject, ...body };
}

/** The invitation e-mail goes through pg-boss: it survives a restart and an SMTP failure is retried. */
export function defineInvitationMailQueue(app: FastifyInstance) {
  app.queue.define<InvitationMailJob>({
    name: INVITATION_MAIL_QUEUE,
    options: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
    worker: {
      options: { batchSize: 10 },
      handler: async ([job]) => {
        const { invitationId, origin } = job!.data;
        // Revoked, replaced, accepted or expired meanwhile: that link no longer works, so nothing is sent.
        const row = await findPendingInvitationForMail(app.db, invitationId);
        if (!row) return { sent: false };
        const token = app.crypto.decryptJson<string>(job!.data.token, `invitation:${invitationId}`);
        const inviter = row.inviterName ? `${row.inviterName} (${row.inviterEmail})` : null;
        const mail = invitationMail({ origin, token, organizationName: row.organizationName, inviter, role: row.role, expiresAt: row.expiresAt });
        await app.systemMail.send({ to: row.email, ...mail });
        return { sent: true };
      },
    },
  });
}

export async function queueInvitationMail(app: FastifyInstance, job: { invitationId: string; token: string; origin: string }) {
  await app.queue.send<InvitationMailJob>(INVITATION_MAIL_QUEUE, {
    invitationId: job.invitationId,
    token: app.crypto.encryptJson(job.token, `invitation:${job.invitationId}`),
    origin: job.origin,
  });
}
