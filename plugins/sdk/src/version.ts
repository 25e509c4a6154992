/**
 * This SDK's version, as in its package.json (a test keeps them equal); a
 * constant, because a bundled plugin cannot find the SDK's package.json.
 */
export const SDK_VERSION = '0.1.0';
