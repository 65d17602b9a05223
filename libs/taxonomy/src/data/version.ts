/**
 * The one version of all the data in this folder. Events that refer to tasks or occupations carry it, so a change
 * of any `*.data.ts` here is a change of version: bump TAXONOMY_VERSION, and record the new TAXONOMY_FINGERPRINT
 * that the failing spec (version.spec.ts) prints. Each dataset names this constant as its version.
 */
export const TAXONOMY_VERSION = '2026.1';

/** sha256 of the datasets of TAXONOMY_VERSION (see version.spec.ts): data changed without a new version fails it. */
export const TAXONOMY_FINGERPRINT = 'bf3601b0b3ce2fc90ccdff1f7c886970b09d1de12abc84990a3df54c598c9d5d';
