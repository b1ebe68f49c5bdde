import { z } from 'zod';

/** A plan kept by the main process until it is deployed or discarded; the window names it by id. */
export const PlanId = z.string().regex(/^plan_[A-Za-z0-9_-]{8,64}$/, 'not a plan id');
