import fs from 'node:fs/promises';
import { writeFileDurably } from '../../src-node/fs/durable-write';

/**
 * Usage: tsx test/support/durable-write-child.ts <file> <content>
 *
 * Writes the file durably but stops before the rename: prints `{"flushed": <temporary file>}` once the
 * new content is written and flushed under its temporary name, then waits for the test to kill it.
 */
const [file, content] = process.argv.slice(2);
if (file === undefined || content === undefined) throw new Error('usage: <file> <content>');

await writeFileDurably(file, content, {
  fileSystem: {
    mkdir: (dir, options) => fs.mkdir(dir, options),
    open: (target, flags, mode) => fs.open(target, flags, mode),
    rm: (target, options) => fs.rm(target, options),
    rename: (from) => {
      console.log(JSON.stringify({ flushed: from }));
      return new Promise<void>(() => undefined);
    },
  },
});
