import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: [
    './server/db/schema.ts',
    './server/db/tracking-schema.ts',
    './server/db/admin-schema.ts',
    './server/db/abuse-schema.ts',
    './server/db/forms-schema.ts',
    './server/db/calendar-schema.ts',
    './server/db/booking-schema.ts',
    './server/db/sla-schema.ts',
    './server/db/push-schema.ts',
    './server/db/call-schema.ts',
  ],
  out: './server/db/migrations',
});
