/** The draft's format version, without zod (the renderer's store is created with it at start). */
export const DRAFT_VERSION = 2;
