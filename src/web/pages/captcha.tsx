import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

export function registerCaptchaRoutes(app: FastifyInstance, s: Services) {
  app.get<{ Params: { id: string } }>('/captcha/:id.svg', async (req, reply) => {
    const svg = await s.captcha.image(req.params.id);
    reply.header('cache-control', 'no-store');
    if (!svg)
      return reply
        .code(404)
        .header('content-type', 'image/svg+xml')
        .send('<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80"><title>منقضی شده</title></svg>');
    return reply.header('content-type', 'image/svg+xml').send(svg);
  });
}
