import packageJson from '../../package.json' with { type: 'json' };

/**
 * The app's version from package.json, bundled in at build time: the core and the web host have no
 * `app.getVersion()`, and Electron's answers the same file.
 */
export const APP_VERSION: string = packageJson.version;
