// `prisma generate` reads env("DATABASE_URL") while loading the schema even though generating
// never connects; give it a placeholder when none is set (fresh clone, CI).
import { execFileSync } from "node:child_process";
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.DATABASE_URL ||= "postgresql://placeholder@127.0.0.1:5432/placeholder";
execFileSync("npx", ["prisma", "generate"], { stdio: ["ignore", "inherit", "inherit"], env });
