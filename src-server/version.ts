import packageJson from '../package.json' with { type: 'json' };

/** The platform's version is the project's: the client and the server ship and upgrade together. */
export const PLATFORM_VERSION: string = packageJson.version;
