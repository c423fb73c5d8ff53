import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
export function registerRecoveryPages(_app: FastifyInstance, _s: Services) {}
