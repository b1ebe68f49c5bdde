/** Each cloud's own methods (sign-in and discovery). A new cloud adds its table here. */
import { awsMethods } from './aws/methods';

export const cloudMethods = { ...awsMethods } as const;
