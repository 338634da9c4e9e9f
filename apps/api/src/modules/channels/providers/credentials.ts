import { credentialSchemas, secretFieldsOf, type ChannelType } from '@helpstack/contracts';
import type { ChannelProvider } from './types.ts';

/** A provider's credential shape, straight from the contract. */
export const contractCredentials = <T extends ChannelType>(type: T): ChannelProvider<T>['credentials'] => ({
  schema: credentialSchemas[type],
  secretFields: secretFieldsOf(type),
});
