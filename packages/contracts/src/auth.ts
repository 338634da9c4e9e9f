import { z } from 'zod';

export const roles = ['ADMIN', 'AGENT', 'VIEWER'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

const email = z.email('Must be a valid email address').max(254).transform((s) => s.toLowerCase());
const password = z.string().min(8, 'Must be at least 8 characters').max(256);
const name = z.string().trim().min(1, 'Required').max(120);

export const signupBodySchema = z.strictObject({
  email,
  password,
  name,
  organizationName: z.string().trim().min(1, 'Required').max(120),
});
export type SignupBody = z.infer<typeof signupBodySchema>;

export const loginBodySchema = z.strictObject({
  email: z.string().trim().min(1, 'Required').max(254).transform((s) => s.toLowerCase()),
  password: z.string().min(1, 'Required').max(256),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const acceptInviteBodySchema = z.strictObject({
  token: z.string().min(1, 'Required').max(200),
  name,
  password,
});
export type AcceptInviteBody = z.infer<typeof acceptInviteBodySchema>;

export const invitationBodySchema = z.strictObject({ email, role: roleSchema });
export type InvitationBody = z.infer<typeof invitationBodySchema>;

export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type User = z.infer<typeof userSchema>;

export const plans = ['FREE', 'PRO', 'ENTERPRISE'] as const;

export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  plan: z.enum(plans),
  tokenBalance: z.number().int(),
  defaultLanguage: z.string(),
  defaultAiProviderId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const sessionInfoSchema = z.object({ user: userSchema, organization: organizationSchema, role: roleSchema });
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const updateOrganizationBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'Required').max(120).optional(),
  defaultLanguage: z.string().trim().min(2).max(16).optional(),
  defaultAiProviderId: z.string().min(1).nullable().optional(),
});
export type UpdateOrganizationBody = z.infer<typeof updateOrganizationBodySchema>;

export const memberSchema = z.object({
  id: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  online: z.boolean(),
  createdAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const updateMemberBodySchema = z.strictObject({ role: roleSchema });

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  token: z.string(),
  expiresAt: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** `GET /api/invitations/preview?token=` (public): what the accept page shows before anyone signs in. */
export const invitationPreviewQuerySchema = z.strictObject({ token: z.string().min(1, 'Required').max(200) });
export const invitationPreviewSchema = z.object({
  organizationName: z.string(),
  email: z.string(),
  role: roleSchema,
  expiresAt: z.string(),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

/** `POST /api/auth/forgot-password`: the answer is the same whether or not the address has an account. */
export const forgotPasswordBodySchema = z.strictObject({ email });
export type ForgotPasswordBody = z.infer<typeof forgotPasswordBodySchema>;

/** `POST /api/auth/reset-password`: the token from the e-mailed link and the new password (signup's rules). */
export const resetPasswordBodySchema = z.strictObject({ token: z.string().min(1, 'Required').max(200), password });
export type ResetPasswordBody = z.infer<typeof resetPasswordBodySchema>;
