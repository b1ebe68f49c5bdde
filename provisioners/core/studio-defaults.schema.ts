/** The Studio connection defaults as plain data, no zod: the renderer builds its empty draft from them at start. */
export const DEFAULT_ISSUER = 'studio.datachain.ai/api';
export const DEFAULT_TEAM = 'example-team';
export const DEFAULT_COMPUTE_CREDENTIALS = 'datachain-compute';
export const DEFAULT_STORAGE_CREDENTIALS = 'datachain-storage';
