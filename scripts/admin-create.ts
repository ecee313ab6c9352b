// npm run admin:create -- --email owner@example.com --role owner [--name 홍길동] [--merchant KC] [--merchant-name "상점 이름"]
// Creates a staff account directly in DATABASE_URL — the way to get the first owner on a fresh
// production database (the demo admin is seeded only in development). The password comes from
// ADMIN_PASSWORD, else it is asked for on a terminal, else a random one is generated and printed once.
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createAdminAccount } from "../lib/admin/staff.ts";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string", default: "owner" },
    name: { type: "string" },
    merchant: { type: "string", default: "KC" },
    "merchant-name": { type: "string" },
  },
});

function usage(msg: string): never {
  console.error(
    `${msg}\n사용법: npm run admin:create -- --email owner@example.com --role owner|manager|viewer [--name 이름] [--merchant KC] [--merchant-name 상점이름]`,
  );
  process.exit(2);
}

async function askHidden(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let asked = false;
  out._writeToOutput = (s: string) => {
    if (!asked) {
      out.output.write(s);
      asked = true;
    }
  };
  return new Promise((resolve) => rl.question(prompt, (a) => (rl.close(), process.stdout.write("\n"), resolve(a))));
}

if (!values.email) usage("--email 이 필요합니다.");
const role = String(values.role).toUpperCase();
if (!["OWNER", "MANAGER", "VIEWER"].includes(role)) usage("--role 은 owner, manager, viewer 중 하나입니다.");

let password = process.env.ADMIN_PASSWORD ?? "";
let generated = false;
if (!password && process.stdin.isTTY) {
  password = await askHidden("새 비밀번호 (10자 이상): ");
  if ((await askHidden("한 번 더: ")) !== password) usage("두 비밀번호가 다릅니다.");
}
if (!password) {
  password = randomBytes(15).toString("base64url");
  generated = true;
}

const r = await createAdminAccount({
  email: values.email,
  name: values.name ?? values.email.split("@")[0]!,
  role,
  password,
  merchantCode: String(values.merchant).toUpperCase(),
  merchantName: values["merchant-name"],
});
if (!r.ok) {
  console.error(`계정을 만들지 못했습니다: ${r.error.message}`);
  process.exit(1);
}
console.log(
  `${values.email} (${role.toLowerCase()}) 계정을 만들었습니다${r.value.createdMerchant ? " (상점도 새로 만듦)" : ""}.`,
);
if (generated)
  console.log(
    `임시 비밀번호: ${password}\n로그인한 뒤 '내 계정'에서 바로 바꿔 주세요. 이 비밀번호는 다시 표시되지 않습니다.`,
  );
process.exit(0);
