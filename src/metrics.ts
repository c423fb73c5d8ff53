import { Registry, collectDefaultMetrics, Counter, Histogram, Gauge } from 'prom-client';

/** Prometheus metrics, one registry per app (tests build many apps in one process). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'hoviyat_http_requests_total',
      help: 'HTTP requests by route and status class',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'hoviyat_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'hoviyat_jobs_total',
      help: 'Jobs finished by queue and outcome',
      labelNames: ['queue', 'outcome'] as const,
      registers: [registry],
    }),
    logins: new Counter({
      name: 'hoviyat_logins_total',
      help: 'Login attempts by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    hashQueue: new Gauge({
      name: 'hoviyat_password_hash_queue',
      help: 'Password hashes waiting for a slot',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
