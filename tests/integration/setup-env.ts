// Runs in each test worker before the tests: points the app's env at the test DB and sandbox.
import { afterAll, inject } from "vitest";
import { testEnv } from "./test-env.ts";

Object.assign(process.env, testEnv(inject("databaseUrl"), inject("sandboxUrl")));

afterAll(async () => {
  const { db } = await import("@/lib/db");
  await db.$disconnect();
});
