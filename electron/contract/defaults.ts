/**
 * The contract's constants the renderer needs at start (its empty draft, its store's version),
 * from modules without zod: importing them does not load the schemas.
 */
export {
  DEFAULT_COMPUTE_CREDENTIALS,
  DEFAULT_ISSUER,
  DEFAULT_STORAGE_CREDENTIALS,
  DEFAULT_TEAM,
} from '../../provisioners/core/studio-defaults.schema';
export { NODE_POOL_PRESETS } from '../../provisioners/aws/node-pool-presets.schema';
export { DRAFT_VERSION } from './schemas/draft-version';
