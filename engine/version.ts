import { readFileSync } from 'node:fs';
import { packageRoot } from './package-root.js';

export const TOOL_NAME = 'assay';

/** The package version, read once from package.json. */
export const TOOL_VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();
