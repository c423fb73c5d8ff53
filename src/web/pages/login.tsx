import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import type { Metrics } from '../../metrics.js';
export function registerLoginPages(_app: FastifyInstance, _s: Services, _m: Metrics) {}
