/** The repository step cache images are tagged in: `kiln-cache:<key>`. */
export const CACHE_REPOSITORY = 'kiln-cache';

/** Labels of a step cache image (what `kiln cache list` shows). */
export const CACHE_LABELS = {
  key: 'io.kiln.cache.key',
  parent: 'io.kiln.cache.parent',
  template: 'io.kiln.cache.template',
  build: 'io.kiln.cache.build',
  step: 'io.kiln.cache.step',
  provisioner: 'io.kiln.cache.provisioner',
  run: 'io.kiln.cache.run',
  created: 'io.kiln.cache.created',
  /** Bytes of the image the step started from, so that an entry's own size is known. */
  parentSize: 'io.kiln.cache.parent-size',
} as const;

/** The image reference of the entry for `key`. */
export const cacheRef = (key: string): string => `${CACHE_REPOSITORY}:${key}`;

/** A key as core makes them (lowercase hex), so that it can name a tag. */
export const isKey = (key: string): boolean => /^[0-9a-f]{16,128}$/.test(key);
