// Linkhub-family sandbox configuration (Barocert Kakao CMS + legacy KakaoCert e-sign), read from env
// lazily on every request, with the public SDK sample credentials as defaults.
//
// Keys may be given as base64 (standard or url-safe) or hex:
//   SANDBOX_LINKHUB_SECRET_KEY   32 bytes  (HMAC key for Token/x-bc-auth/x-kc-auth AND the AES-256-GCM key
//                                           the caller uses for the request fields — the SDK's _encrypt)
//   SANDBOX_BAROCERT_RESULT_KEY  32 bytes  AES-256-CTR key for the verify-result personal fields
//   SANDBOX_BAROCERT_RESULT_IV   16 bytes  AES-256-CTR initial counter block
export const DEFAULTS = {
  SANDBOX_LINKHUB_LINK_ID: "TESTER",
  /** public sample key from the official SDK samples (not a secret) */
  SANDBOX_LINKHUB_SECRET_KEY: "SwWxqU+0TErBXy/9TVjIPEnI0VTUMMSQZtJf3Ed8q3I=",
  SANDBOX_BAROCERT_CLIENT_CODE: "023040000001",
  SANDBOX_KAKAOCERT_CLIENT_CODE: "020040000001",
  /** the key/IV of Barocert's published .NET decryption sample */
  SANDBOX_BAROCERT_RESULT_KEY: "ngLuIsOvtgCjiXtrCHeTq2hw11hK7p2/hqijiEOZcWI=",
  SANDBOX_BAROCERT_RESULT_IV: "LqPCk23cZpWZh4YKtPIaBg==",
  SANDBOX_BAROCERT_CLIENT_NAME: "카카오 체크아웃",
  SANDBOX_KAKAOCERT_CLIENT_NAME: "카카오 체크아웃",
  /** "1" accepts request fields that are not GCM-encrypted (default: strict, every sample-encrypted field must decrypt) */
  SANDBOX_BAROCERT_ALLOW_PLAINTEXT: "0",
} as const;

export type LinkhubSandboxConfig = {
  linkId: string;
  secretKey: Buffer;
  barocertClientCode: string;
  kakaocertClientCode: string;
  barocertClientName: string;
  kakaocertClientName: string;
  resultKey: Buffer;
  resultIv: Buffer;
  allowPlaintext: boolean;
};

/** Decodes base64 / base64url / hex key material. */
export function decodeKey(spec: string, bytes: number, name: string): Buffer {
  const s = spec.trim();
  const hex = new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`);
  const buf = hex.test(s) ? Buffer.from(s, "hex") : Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (buf.length !== bytes) throw new Error(`${name} must decode to ${bytes} bytes (base64 or hex), got ${buf.length}`);
  return buf;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): LinkhubSandboxConfig {
  const v = (k: keyof typeof DEFAULTS) => env[k] || DEFAULTS[k];
  return {
    linkId: v("SANDBOX_LINKHUB_LINK_ID"),
    secretKey: decodeKey(v("SANDBOX_LINKHUB_SECRET_KEY"), 32, "SANDBOX_LINKHUB_SECRET_KEY"),
    barocertClientCode: v("SANDBOX_BAROCERT_CLIENT_CODE"),
    kakaocertClientCode: v("SANDBOX_KAKAOCERT_CLIENT_CODE"),
    barocertClientName: v("SANDBOX_BAROCERT_CLIENT_NAME"),
    kakaocertClientName: v("SANDBOX_KAKAOCERT_CLIENT_NAME"),
    resultKey: decodeKey(v("SANDBOX_BAROCERT_RESULT_KEY"), 32, "SANDBOX_BAROCERT_RESULT_KEY"),
    resultIv: decodeKey(v("SANDBOX_BAROCERT_RESULT_IV"), 16, "SANDBOX_BAROCERT_RESULT_IV"),
    allowPlaintext: v("SANDBOX_BAROCERT_ALLOW_PLAINTEXT") === "1",
  };
}
