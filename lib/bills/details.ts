// Bill detail items (seed §5.2 details[]): the admin form's model, its validation with Korean
// messages, and the conversion to/from the wire shape we store and send in /kakao/notice.
// Pure (zod only): the admin's client-side form and preview import it too.
import { z } from "zod";

/** What staff call each kind of detail item; the wire code (KEY_VALUE …) is shown beside it, small. */
export const detailTypeLabel = {
  KEY_VALUE: "항목별 금액",
  TEXT: "안내 문구",
  TABLE: "표",
  GRAPH: "막대그래프",
} as const;
export type DetailType = keyof typeof detailTypeLabel;
export const DETAIL_TYPES = Object.keys(detailTypeLabel) as DetailType[];

/** One line of help per kind, under its editor. */
export const detailTypeHelp: Record<DetailType, string> = {
  KEY_VALUE:
    "항목명과 내용을 한 줄씩 보여 줍니다 (예: 당월 부과 금액 · 200,203원). 들여쓰기를 켜면 위 항목의 세부 항목으로 보입니다.",
  TEXT: "한 줄에 한 문장씩 그대로 보여 줍니다 (예: 단지 이름, 동·호수).",
  TABLE: "열 제목과 행을 채웁니다. 모든 행의 칸 수는 열 제목 수와 같습니다.",
  GRAPH: "X축 이름(예: 07월)과 금액을 넣으면 막대로 보여 줍니다. 최대 13개.",
};

export type Detail =
  | { type: "KEY_VALUE"; title: string; description?: string; rows: { key: string; value: string; level: 1 | 2 }[] }
  | { type: "TEXT"; title: string; description?: string; lines: string[] }
  | { type: "TABLE"; title: string; description?: string; head: string[]; rows: string[][] }
  | { type: "GRAPH"; title: string; description?: string; unitName?: string; points: { x: string; y: number }[] };

export const MAX_DETAILS = 10;
export const MAX_GRAPH_POINTS = 13; // seed: "최대 13 개까지 허용"

const text = (label: string, max: number) =>
  z
    .string({ message: `${label}을(를) 입력해 주세요.` })
    .trim()
    .min(1, `${label}을(를) 입력해 주세요.`)
    .max(max, `${label}은(는) ${max}자 이내로 입력해 주세요.`);
const optText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}은(는) ${max}자 이내로 입력해 주세요.`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** 1 to `max` items, each message said in Korean. */
const list = <T extends z.ZodType>(item: T, max: number, tooFew: string, tooMany: string) =>
  z.array(item).min(1, tooFew).max(max, tooMany);

const base = { title: text("항목 제목", 50), description: optText(200, "참고사항") };

export const detailSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("KEY_VALUE"),
    ...base,
    rows: list(
      z.object({
        key: text("항목명", 50),
        value: text("내용", 200),
        level: z.union([z.literal(1), z.literal(2)], { message: "들여쓰기는 1 또는 2 단계입니다." }),
      }),
      30,
      "항목-값을 1개 이상 입력해 주세요.",
      "항목-값은 30개까지 입력할 수 있습니다.",
    ),
  }),
  z.object({
    type: z.literal("TEXT"),
    ...base,
    lines: list(text("텍스트", 200), 20, "텍스트를 1줄 이상 입력해 주세요.", "텍스트는 20줄까지 입력할 수 있습니다."),
  }),
  z
    .object({
      type: z.literal("TABLE"),
      ...base,
      head: list(text("표 제목 칸", 30), 6, "표 제목 칸을 1개 이상 입력해 주세요.", "표는 6열까지 만들 수 있습니다."),
      rows: list(
        z.array(z.string().trim().max(50, "표 칸은 50자 이내로 입력해 주세요.")),
        30,
        "표에 행을 1개 이상 추가해 주세요.",
        "표는 30행까지 만들 수 있습니다.",
      ),
    })
    .refine((t) => t.rows.every((r) => r.length === t.head.length), {
      message: "표의 모든 행은 제목 칸과 같은 수의 칸을 가져야 합니다.",
      path: ["rows"],
    }),
  z.object({
    type: z.literal("GRAPH"),
    ...base,
    unitName: optText(20, "축 이름"),
    points: list(
      z.object({
        x: text("X축 값", 10),
        y: z.number({ message: "Y축 값은 숫자로 입력해 주세요." }).finite("Y축 값은 숫자로 입력해 주세요."),
      }),
      MAX_GRAPH_POINTS,
      "그래프 값을 1개 이상 입력해 주세요.",
      `그래프 값은 ${MAX_GRAPH_POINTS}개까지 입력할 수 있습니다.`,
    ),
  }),
]);

export const detailsSchema = z
  .array(detailSchema)
  .max(MAX_DETAILS, `상세 항목은 ${MAX_DETAILS}개까지 추가할 수 있습니다.`);

/** Wire shape of one details[] item (what /kakao/notice sends). */
export type WireDetail =
  | {
      title: string;
      item_type: "KEY_VALUE";
      elements: { key: string; value: string; level: number }[];
      description?: string;
    }
  | { title: string; item_type: "TEXT"; elements: string[]; description?: string }
  | { title: string; item_type: "TABLE"; elements: { head: string[]; rows: string[][] }; description?: string }
  | {
      title: string;
      item_type: "GRAPH";
      unit_name?: string;
      elements: { x: string; y: number }[];
      description?: string;
    };

export function toWireDetail(d: Detail): WireDetail {
  const desc = d.description ? { description: d.description } : {};
  switch (d.type) {
    case "KEY_VALUE":
      return {
        title: d.title,
        item_type: "KEY_VALUE",
        elements: d.rows.map((r) => ({ key: r.key, value: r.value, level: r.level })),
        ...desc,
      };
    case "TEXT":
      return { title: d.title, item_type: "TEXT", elements: d.lines, ...desc };
    case "TABLE":
      return { title: d.title, item_type: "TABLE", elements: { head: d.head, rows: d.rows }, ...desc };
    case "GRAPH":
      return {
        title: d.title,
        item_type: "GRAPH",
        ...(d.unitName ? { unit_name: d.unitName } : {}),
        elements: d.points,
        ...desc,
      };
  }
}

export function fromWireDetail(w: WireDetail): Detail {
  const desc = w.description ? { description: w.description } : {};
  switch (w.item_type) {
    case "KEY_VALUE":
      return {
        type: "KEY_VALUE",
        title: w.title,
        rows: w.elements.map((e) => ({ key: e.key, value: e.value, level: e.level === 2 ? 2 : 1 })),
        ...desc,
      };
    case "TEXT":
      return { type: "TEXT", title: w.title, lines: w.elements, ...desc };
    case "TABLE":
      return { type: "TABLE", title: w.title, head: w.elements.head, rows: w.elements.rows, ...desc };
    case "GRAPH":
      return {
        type: "GRAPH",
        title: w.title,
        points: w.elements,
        ...(w.unit_name ? { unitName: w.unit_name } : {}),
        ...desc,
      };
  }
}

/** A new, empty item of a type (the form's "add" buttons). */
export function emptyDetail(type: DetailType): Detail {
  switch (type) {
    case "KEY_VALUE":
      return { type, title: "", rows: [{ key: "", value: "", level: 1 }] };
    case "TEXT":
      return { type, title: "", lines: [""] };
    case "TABLE":
      return { type, title: "", head: ["항목", "금액"], rows: [["", ""]] };
    case "GRAPH":
      return { type, title: "", unitName: "원", points: [{ x: "", y: 0 }] };
  }
}
