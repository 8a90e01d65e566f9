import type { Request } from 'express';

/** The token of `Authorization: Bearer <token>`, or null when the header is missing or has another form. */
export function bearerToken(req: Request): string | null {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1] ?? null;
}
