/** The OIDC issuer check: its discovery document and the TLS chains behind it. */
import { z } from 'zod';

export const IssuerCheck = z.object({
  issuer: z.string(),
  jwksUri: z.string(),
  /** Hosts whose chains were read (the issuer host, and the JWKS host when different). */
  hosts: z.array(z.string()),
  /** SHA-1 thumbprints of the chains (AWS's OIDC provider still asks for them). */
  thumbprints: z.array(z.string()),
  /** Subject of the top certificate per host, for the user to recognise (or not) the CA. */
  authorities: z.array(z.object({ host: z.string(), subject: z.string(), selfSigned: z.boolean() })),
});
export type IssuerCheck = z.infer<typeof IssuerCheck>;
