import type { Request, Response } from 'express';

/**
 * How much of a refused request's body is read and thrown away so that the client, still writing, gets
 * to read the answer. Past this the connection is cut: nobody needs more than a 14 MB upload delivered.
 */
export const MAX_DISCARDED_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Answers a request whose body has not been read (refused by its rate limit, authentication, size or
 * path) only after the body has arrived, with Connection: close. Answering at once and closing makes
 * the server reset the connection while the client is still sending, and the client then sees EPIPE or
 * ECONNRESET instead of the Chinese message.
 */
export function answerAfterBody(req: Request, res: Response, answer: () => void): void {
  if (req.readableEnded || req.destroyed) {
    answer();
    return;
  }
  res.setHeader('Connection', 'close');
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_DISCARDED_BODY_BYTES) {
    answer();
    return;
  }
  let received = 0;
  let answered = false;
  const finish = () => {
    if (answered) return;
    answered = true;
    req.off('data', count);
    answer();
  };
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received > MAX_DISCARDED_BODY_BYTES) finish();
  };
  req.on('data', count);
  req.once('end', finish);
  req.resume();
}
