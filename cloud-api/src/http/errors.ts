// One error shape for every route: { error: { code, message, message_id, details? } } with English and
// Indonesian text. Route code throws ApiError; the handler in app.ts maps validation and database errors too.

export interface Bilingual {
  en: string;
  id: string;
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly text: Bilingual,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(text.en);
  }
}

export const errors = {
  unauthorized: (en = 'authentication required', id = 'autentikasi diperlukan') => new ApiError(401, 'UNAUTHORIZED', { en, id }),
  forbidden: (en = 'you do not have permission for this action', id = 'Anda tidak memiliki izin untuk tindakan ini') =>
    new ApiError(403, 'FORBIDDEN', { en, id }),
  notFound: (what: string) => new ApiError(404, 'NOT_FOUND', { en: `${what} not found`, id: `${what} tidak ditemukan` }),
  conflict: (en: string, id: string) => new ApiError(409, 'CONFLICT', { en, id }),
  badInput: (en: string, id: string, details?: unknown) => new ApiError(400, 'BAD_INPUT', { en, id }, details),
};

export const ErrorBodySchemaJson = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        message_id: { type: 'string' },
        details: {},
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const;
