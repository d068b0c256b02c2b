// Where the generated migrations live. Apart from migration-plan.ts so that a running process never
// loads drizzle-kit: it is a development tool, and it adds an enumerable Array.prototype.random that
// breaks libraries iterating arrays with for…in (the OCR's).
export const migrationsFolder = new URL('./migrations', import.meta.url).pathname;
