/** The cloud-neutral domain rules the renderer shares with the provisioners (pure zod). */
export * from '../../provisioners/core/studio.schema';
export * from '../../provisioners/core/secrets.schema';
export * from '../../provisioners/core/findings.schema';
export * from '../../provisioners/core/issuer.schema';
export * from '../../provisioners/core/checks.schema';
export {
  LabelKey,
  LabelValue,
  NodePoolCapacity,
  NodePoolName,
  Taint,
  TaintEffect,
  type NodePool,
} from '../../provisioners/core/node-pools.schema';
export { CloudId, Revoking, Subjects, Takeover, PlanKind } from '../../provisioners/core/setup.schema';
