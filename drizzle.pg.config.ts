import { defineConfig } from 'drizzle-kit';

// The PostgreSQL twin of drizzle.config.ts: same tables, generated into their own folder.
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './server/db/pg/schema.ts',
    './server/db/pg/tracking-schema.ts',
    './server/db/pg/admin-schema.ts',
    './server/db/pg/abuse-schema.ts',
    './server/db/pg/forms-schema.ts',
    './server/db/pg/calendar-schema.ts',
    './server/db/pg/booking-schema.ts',
    './server/db/pg/sla-schema.ts',
    './server/db/pg/push-schema.ts',
    './server/db/pg/call-schema.ts',
  ],
  out: './server/db/migrations-pg',
});
