import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
export function registerApi(_app: FastifyInstance, _s: Services) {}
