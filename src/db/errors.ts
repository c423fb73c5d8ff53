/** A unique constraint refused the write (PostgreSQL 23505), on the server and on PGlite alike. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';
}
