import { runAdminCommand } from './run';

/** `npm run admin -- <command>`; see run.ts for the commands and exit codes. */
runAdminCommand(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('Admin command failed:', error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  },
);
