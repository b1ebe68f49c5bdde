/** Each cloud's own methods (sign-in and discovery). A new cloud adds its table here. */
import { awsMethods } from './aws/methods';
import { azureMethods } from './azure/methods';

export const cloudMethods = { ...awsMethods, ...azureMethods } as const;
