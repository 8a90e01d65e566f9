import { constants as zlibConstants, createGzip } from 'node:zlib';
import type { Gzip } from 'node:zlib';
import type { Request, Response } from 'express';

/**
 * Sends an answer of newline-delimited JSON, one line per item of `lines`, honouring backpressure: the
 * next item is not even asked for while the client has not read the previous ones, so a slow client
 * holds one line in the server's memory, not the whole answer.
 *
 * The first item is taken before any header is sent: a handler that fails at once (a bad cursor, a
 * failed query) still leaves as the usual JSON error with its 4xx/5xx status. A failure after that can
 * only cut the answer off; the client sees a last line without its newline, or a connection closed
 * before the end of the chunked body, and treats the answer as cut (the lines before stand).
 *
 * Gzip (fastest level) only for clients that ask for it; the core does not on loopback, where
 * compressing costs the server more than it saves. The app's compression middleware is bypassed
 * (no-transform): it would hold the 'drain' listeners of every line.
 */
export async function sendNdjson<T>(
  req: Request,
  res: Response,
  lines: AsyncIterable<T | SerializedLine<T>>,
  clientGone: AbortSignal,
): Promise<void> {
  const iterator = lines[Symbol.asyncIterator]();
  try {
    const first = await iterator.next();
    const gzip = acceptsGzip(req) ? createGzip({ level: zlibConstants.Z_BEST_SPEED }) : null;
    res.status(200);
    res.set('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.set('Cache-Control', 'no-store, no-transform');
    if (gzip !== null) {
      res.set('Content-Encoding', 'gzip');
      res.vary('Accept-Encoding');
      gzip.pipe(res);
    }
    const out: Gzip | Response = gzip ?? res;
    let item = first;
    while (item.done !== true) {
      if (clientGone.aborted) break;
      const ready = writeLine(out, lineBytes(item.value), res);
      // Each line reaches the client whole and at once, so it can apply it while the next is prepared.
      gzip?.flush(zlibConstants.Z_SYNC_FLUSH);
      if (ready !== null) await ready;
      if (clientGone.aborted) break;
      item = await iterator.next();
    }
    if (clientGone.aborted) {
      res.destroy();
      return;
    }
    out.end();
  } finally {
    await iterator.return?.();
  }
}

/**
 * A line its handler already holds as the JSON of a T (built by the database, say), written as it is.
 * The bytes must be one line of JSON without its newline; `T` only says what they are.
 */
export class SerializedLine<T> {
  /** Never set: ties the bytes to the type they are the JSON of. */
  declare readonly of?: T;

  constructor(readonly json: Buffer) {}
}

const NEWLINE = Buffer.from('\n');

function lineBytes<T>(value: T | SerializedLine<T>): Buffer {
  if (value instanceof SerializedLine) return Buffer.concat([value.json, NEWLINE]);
  // Encoded once here: handed a string, the response measures its UTF-8 length for the chunk's header
  // and then encodes it again, which for a page of Chinese text costs more than the JSON itself.
  return Buffer.from(`${JSON.stringify(value)}\n`);
}

/** Writes one line; resolves when the stream can take more (or the client left), null when it already can. */
function writeLine(out: Gzip | Response, line: Buffer, res: Response): Promise<void> | null {
  if (out.write(line)) return null;
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      res.off('close', done);
      resolve();
    };
    out.on('drain', done);
    res.on('close', done);
  });
}

function acceptsGzip(req: Request): boolean {
  const header = req.headers['accept-encoding'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((part) => part.trim().split(';'))
    .some(([coding, ...params]) => coding?.trim().toLowerCase() === 'gzip' && !params.includes('q=0'));
}
