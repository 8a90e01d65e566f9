import { isIP } from 'node:net';

/**
 * Whether a server bound to `bindHost` must check the Host header: a loopback-bound server (the
 * embedded one) is meant for this computer only, and a web page could otherwise reach it through a
 * domain that resolves to 127.0.0.1 (DNS rebinding) and, in demo mode, read every SMS code. A server
 * bound to a network address is a deployment, reached under names this code cannot know.
 */
export function isLoopbackAddress(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const name = bare.toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6)
    return name === '::1' || /^(?:0{0,4}:){7}0{0,3}1$/.test(name) || name === '::ffff:127.0.0.1';
  return false;
}

/** Whether a Host header (name or address, with an optional port) names this computer. */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  if (header === undefined || header === '') return false;
  const withoutPort = header.startsWith('[')
    ? header.slice(0, header.indexOf(']') + 1)
    : header.replace(/:\d*$/, '');
  return isLoopbackAddress(withoutPort);
}
