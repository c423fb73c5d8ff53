import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
export function registerAccountPages(_app: FastifyInstance, _s: Services) {}
