// Runs in each test worker before the tests: points the app's env at the test DB and sandbox.
import { inject } from "vitest";
import { testEnv } from "./test-env.ts";

Object.assign(process.env, testEnv(inject("databaseUrl"), inject("sandboxUrl")));
