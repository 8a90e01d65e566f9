import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { LOGIN_TOKEN_TTL_MS } from './web-access';
import type { RunningWebClient } from './run-web-client';

export interface TerminalIo {
  input: Readable;
  output: Writable;
  /** Whether someone can press Enter there (a TTY); otherwise the hint says to restart instead. */
  interactive: boolean;
}

/**
 * Prints where the client is, with a one-time sign-in address: only the person at this terminal sees it
 * (the page itself is readable by any local process, so it cannot carry the right to use the client).
 * Each Enter prints a fresh address, for another browser or after the first one was closed. Answers a
 * function that stops listening.
 */
export function announceWebClient(
  client: Pick<RunningWebClient, 'host' | 'serverUrl'> & { started: Promise<unknown> },
  io: TerminalIo,
): () => void {
  const minutes = LOGIN_TOKEN_TTL_MS / 60_000;
  const printAddress = () => io.output.write(`Web UI: ${client.host.newLoginUrl()}\n`);
  printAddress();
  io.output.write(
    `在浏览器中打开上面的地址即可使用(一次性地址:只能打开一次,${minutes} 分钟内有效)。` +
      (io.interactive ? '需要新的地址时按回车键。\n' : '需要新的地址时重新启动程序。\n'),
  );
  // The address comes first: the page can open while the embedded server is still starting.
  client.started.then(
    () => io.output.write(`Platform server: ${client.serverUrl}\n`),
    () => {},
  );
  if (!io.interactive) return () => {};
  // terminal: false leaves the TTY as it is, so Ctrl+C still reaches the process as SIGINT.
  const lines = createInterface({ input: io.input, terminal: false });
  lines.on('line', printAddress);
  return () => lines.close();
}

/** `npm run web` and `npm start`'s web fallback: announce the client, then serve until Ctrl+C. */
export function serveInTerminal(client: RunningWebClient): void {
  const stopListening = announceWebClient(client, {
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true,
  });
  const stop = () => {
    stopListening();
    void client.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // A server that never started, or a core that died, leaves nothing to serve: fail as a start that
  // threw would.
  const fail = (error: unknown) => {
    console.error(error);
    stopListening();
    void client.close().finally(() => process.exit(1));
  };
  client.started.catch(fail);
  void client.unexpectedExit.then((code) => fail(new Error(`the core's thread exited (code ${code})`)));
}
