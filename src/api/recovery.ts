import type { Services } from '../services.js';
import type { ApiRegistry } from './define.js';

/** JSON face of the password-recovery journey (same step functions as the pages). */
export function registerRecoveryApi(_api: ApiRegistry, _s: Services) {}
