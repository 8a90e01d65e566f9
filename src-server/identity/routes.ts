import { AppFailure } from '../../src-shared/contracts/errors';
import type { DeclareRoute } from '../http/route';
import { UNMATCHABLE_PASSWORD_HASH, verifyPassword } from './passwords';
import { createSession, revokeSession } from './sessions';
import { findUserById, findUserByLoginIdentifier, sessionUserFor } from './users';

/** Login, logout and "who am I". */
export function identityRoutes(route: DeclareRoute) {
  route('login', async ({ identifier, password }, { db }) => {
    const user = await findUserByLoginIdentifier(db, identifier);
    // An unknown account is verified against a hash that matches nothing, so it fails in the same time
    // and with the same answer as a wrong password: neither reveals whether the account exists.
    const passwordMatches = await verifyPassword(password, user?.password_hash ?? UNMATCHABLE_PASSWORD_HASH);
    if (user === undefined || !passwordMatches) throw new AppFailure('INVALID_CREDENTIALS');
    const { token } = await createSession(db, user.id);
    return { token, user: await sessionUserFor(db, user) };
  });

  route('logout', async (_input, { db, session }) => {
    await revokeSession(db, session.sessionId);
    return { ok: true } as const;
  });

  route('me', async (_input, { db, session }) => {
    const user = await findUserById(db, session.userId);
    if (user === undefined) throw new AppFailure('UNAUTHENTICATED');
    return { user: await sessionUserFor(db, user) };
  });
}
