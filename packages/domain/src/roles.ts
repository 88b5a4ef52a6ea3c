import { z } from 'zod';

/** Staff roles. Residents never have an account. */
export const RoleSchema = z.enum(['admin', 'officer', 'analyst']);
export type Role = z.infer<typeof RoleSchema>;
export const ROLES = RoleSchema.options;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  officer: 'Engagement officer',
  analyst: 'Analyst',
};

/** Who is calling, as read from a verified access token. */
export const StaffPrincipalSchema = z.object({
  subject: z.string().min(1),
  username: z.string().min(1),
  email: z.string().optional(),
  roles: z.array(RoleSchema),
});
export type StaffPrincipal = z.infer<typeof StaffPrincipalSchema>;

/** Keeps only the group names that are WardPulse roles (Cognito may carry others). */
export function rolesFromGroups(groups: unknown): Role[] {
  if (!Array.isArray(groups)) return [];
  return groups.flatMap((group) => {
    const parsed = RoleSchema.safeParse(group);
    return parsed.success ? [parsed.data] : [];
  });
}

export function hasAnyRole(principal: StaffPrincipal, allowed: readonly Role[]): boolean {
  return principal.roles.some((role) => allowed.includes(role));
}
