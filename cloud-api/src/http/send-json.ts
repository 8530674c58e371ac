// Sends JSON that is already serialized (a cached page) with the content type Fastify gives serialized replies.
import type { FastifyReply } from 'fastify';

export const sendJson = (reply: FastifyReply, body: Buffer): FastifyReply => reply.type('application/json; charset=utf-8').send(body);
