export { qualify } from './qualify';
export type * from './types';
