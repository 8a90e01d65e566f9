import { createHash, randomBytes } from 'node:crypto';

/** How long a printed sign-in address stays usable if nobody opens it. */
export const LOGIN_TOKEN_TTL_MS = 10 * 60_000;

export interface WebAccessOptions {
  /** Milliseconds since the epoch; injected by tests. */
  now?: () => number;
  tokenTtlMs?: number;
}

/**
 * Who may use the web host: whoever opened a one-time address the program printed in its terminal.
 * Only the person at that terminal sees it, unlike the page, which any local process can fetch. Opening
 * it trades the token for a browser session (a cookie value); the token is then spent.
 *
 * Tokens and sessions are kept only as SHA-256 digests, so looking one up does not compare the secret
 * itself character by character (no timing signal), and a memory dump shows no usable value.
 */
export interface WebAccess {
  /** A new single-use sign-in token, valid for tokenTtlMs. */
  issueToken(): string;
  /** Spends the token: a new session value when it was issued here, unused and not expired; else null. */
  redeem(token: string): string | null;
  isSession(value: string | undefined): boolean;
}

export function createWebAccess(options: WebAccessOptions = {}): WebAccess {
  const now = options.now ?? Date.now;
  const ttl = options.tokenTtlMs ?? LOGIN_TOKEN_TTL_MS;
  const tokens = new Map<string, number>();
  const sessions = new Set<string>();

  const forgetExpired = () => {
    const time = now();
    for (const [digest, expiresAt] of tokens) if (expiresAt <= time) tokens.delete(digest);
  };

  return {
    issueToken() {
      forgetExpired();
      const token = randomSecret();
      tokens.set(digestOf(token), now() + ttl);
      return token;
    },
    redeem(token) {
      const digest = digestOf(token);
      const expiresAt = tokens.get(digest);
      tokens.delete(digest);
      if (expiresAt === undefined || expiresAt <= now()) return null;
      const session = randomSecret();
      sessions.add(digestOf(session));
      return session;
    },
    isSession(value) {
      return value !== undefined && value !== '' && sessions.has(digestOf(value));
    },
  };
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

function digestOf(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
