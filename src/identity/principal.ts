/** Who is acting: nobody signed in, a citizen, or a member of staff with roles. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'citizen'; accountId: string }
  | { kind: 'staff'; accountId: string; roles: readonly string[] };

/** Who may run something (a journey, a page). */
export type Access = 'anonymous' | 'citizen' | { staff: readonly string[] };

/** Whether a principal may: citizens' journeys are for citizens, staff ones need one of the roles. */
export function allowed(access: Access, p: Principal): boolean {
  if (access === 'anonymous') return true;
  if (access === 'citizen') return p.kind === 'citizen';
  return p.kind === 'staff' && p.roles.some((r) => access.staff.includes(r));
}
