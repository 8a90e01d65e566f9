import { createLogger } from '../../src-server/http/logging';

/** A server logger whose JSON lines the test reads back: the real logger, writing into an array. */
export function capturedLog() {
  const lines: string[] = [];
  const logger = createLogger('info', {
    write(line: string) {
      lines.push(line);
    },
  });
  return {
    logger,
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
