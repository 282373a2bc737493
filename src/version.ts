// The action's version, sent in User-Agent. A constant rather than a runtime read of package.json,
// so the bundle carries no file lookup; keep it equal to package.json's "version".
export const VERSION = '0.1.0'
