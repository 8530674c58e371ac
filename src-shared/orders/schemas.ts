// The customer and address of an order, validated the same way by the cloud API's order routes and the desktop's
// offline order mutations.
import { z } from 'zod';

export const addressSchema = z
  .object({
    line1: z.string().min(1).max(200),
    line2: z.string().max(200).optional(),
    city: z.string().min(1).max(100),
    province: z.string().min(1).max(100),
    postalCode: z.string().regex(/^[0-9A-Za-z -]{3,10}$/),
    country: z.string().length(2).default('ID'),
  })
  .strict();

export const orderCustomerSchema = z
  .object({ name: z.string().min(1).max(200), email: z.string().email().max(254).optional(), phone: z.string().max(30).optional() })
  .strict();
