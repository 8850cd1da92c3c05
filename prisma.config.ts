import { defineConfig } from "prisma/config";

// The datasource URL is only needed by Prisma CLI commands that connect
// (`prisma migrate deploy` on a machine that can fetch the engine); the app
// and our own migration runner read DATABASE_URL or the embedded server.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:54329/tunecost" },
});
