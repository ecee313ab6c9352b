// Seeds demo data into DATABASE_URL. Used by npm run dev and the e2e setup.
import { seedDemo } from "../lib/seed.ts";

await seedDemo();
process.exit(0);
