import { hashPassword } from '../identity/passwords';

/**
 * scrypt hashes of the demo passwords (accounts.ts and DEMO_APPLICANT_PASSWORD), computed once and kept
 * here, so that a first start with a fresh data folder does not spend a second or more hashing
 * passwords that the README publishes anyway. test/server/demo-password-hashes.test.ts checks each one
 * against its password. A demo password without an entry here is hashed at seed time as before.
 */
const DEMO_PASSWORD_HASHES: Readonly<Record<string, string>> = {
  'Admin@2026': 'scrypt$32768$8$1$fkrkWJAWL34o5/lIpKSgnA==$oEd2QqdIq5pqHdkFdmrp+8aLihDYN/5M2meicVSpoVw=',
  'Apply@2026': 'scrypt$32768$8$1$p7XvjtNuh0C5fIpLGIoS7Q==$smGG1adW4cMfsBh9bcP7YBoIYxyKsR/QJaKXedPyUj0=',
  'Demo@2026': 'scrypt$32768$8$1$sqB42+4aXH/OTF1njPy+7A==$LDF5pYXYF/aVy08ypS+i0bbI4vg62vdyLDHcNKSWzmI=',
  'Dept@2026': 'scrypt$32768$8$1$9mOyamPvLaS5lNSAZ3TaqA==$X1OscM6di7apc3eW1c0EASD8jy/kV/TlADZLoAyyVMo=',
  'Unit@2026': 'scrypt$32768$8$1$/4AbqzFdMnfDqgWgE9TyTg==$1mr1Pj0OFwvHqKZdbe+PQZtIkDIGHBmdqNqeBZ95WMo=',
  'User@2026': 'scrypt$32768$8$1$ToyeCQfKAEjn+7vO57bicw==$1Qr87WKgmTxXOr+GGEtU6DBbViS5vn/XmC30D+A9hfs=',
};

/** The stored hash for a demo password: the precomputed one, or a fresh hash for any other. */
export function demoPasswordHash(password: string): Promise<string> {
  const known = DEMO_PASSWORD_HASHES[password];
  return known === undefined ? hashPassword(password) : Promise.resolve(known);
}

/** The passwords that have a precomputed hash (for the test). */
export function precomputedDemoPasswords(): string[] {
  return Object.keys(DEMO_PASSWORD_HASHES);
}
