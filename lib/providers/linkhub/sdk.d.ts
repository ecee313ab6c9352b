// Minimal typings for the official Linkhub-family SDKs (CommonJS, untyped). Only what the adapters use.
declare module "linkhub" {
  export type LinkhubConfig = {
    LinkID: string;
    SecretKey: string;
    UseLocalTimeYN?: boolean;
    AuthURL?: string;
    defaultErrorHandler?: (e: unknown) => void;
  };
  const linkhub: { initialize(config: LinkhubConfig): void };
  export default linkhub;
}

declare module "barocert" {
  type Ok<T> = (response: T) => void;
  type Err = (error: { code: number | string; message: string }) => void;
  export type BarocertSdkConfig = {
    LinkID: string;
    SecretKey: string;
    IPRestrictOnOff?: boolean;
    UseStaticIP?: boolean;
    UseLocalTimeYN?: boolean;
    ServiceURL?: string;
    AuthURL?: string;
    defaultErrorHandler?: (e: unknown) => void;
  };
  export interface BarocertKakaocertService {
    _Linkhub_Token_Cash: Record<string, unknown>;
    _encrypt(plainText: string): string;
    requestCMS(
      clientCode: string,
      cms: Record<string, unknown>,
      success: Ok<Record<string, unknown>>,
      error: Err,
    ): void;
    getCMSStatus(clientCode: string, receiptId: string, success: Ok<Record<string, unknown>>, error: Err): void;
    verifyCMS(clientCode: string, receiptId: string, success: Ok<Record<string, unknown>>, error: Err): void;
  }
  const barocert: {
    config(config: BarocertSdkConfig): void;
    KakaocertService(this: unknown): BarocertKakaocertService;
  };
  export default barocert;
}

declare module "kakaocert" {
  type Ok<T> = (response: T) => void;
  type Err = (error: { code: number | string; message: string }) => void;
  export type KakaocertSdkConfig = {
    LinkID: string;
    SecretKey: string;
    IPRestrictOnOff?: boolean;
    UseStaticIP?: boolean;
    UseGAIP?: boolean;
    UseLocalTimeYN?: boolean;
    ServiceURL?: string;
    AuthURL?: string;
    defaultErrorHandler?: (e: unknown) => void;
  };
  export interface LegacyKakaocertService {
    _Linkhub_Token_Cash: Record<string, unknown>;
    requestESign(
      clientCode: string,
      req: Record<string, unknown>,
      appUseYN: boolean,
      success: Ok<Record<string, unknown>>,
      error: Err,
    ): void;
    getESignState(clientCode: string, receiptId: string, success: Ok<Record<string, unknown>>, error: Err): void;
    verifyESign(clientCode: string, receiptId: string, success: Ok<Record<string, unknown>>, error: Err): void;
    verifyESign(
      clientCode: string,
      receiptId: string,
      signature: string,
      success: Ok<Record<string, unknown>>,
      error: Err,
    ): void;
  }
  const kakaocert: {
    config(config: KakaocertSdkConfig): void;
    KakaocertService(this: unknown): LegacyKakaocertService;
  };
  export default kakaocert;
}
