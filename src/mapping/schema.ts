import * as z from "zod";
import { DEFAULT_MESSAGE_WRITE_BACK, DEFAULT_WRITE_BACK } from "../core/row-result.js";

/**
 * The mapping file. This zod schema is the single source of the TypeScript types below AND of the
 * committed `mapping.schema.json` (scripts/generate-mapping-schema.ts; a test pins the file to this schema).
 */

const columnName = z.string().min(1).describe("A column name of the source header.");
const transforms = z
  .array(z.string().min(1))
  .describe('Applied left to right: "trim", "upper", "lower", "title", "digits", "date:DD/MM/YYYY->YYYY-MM-DD".');

export const ColumnValueSchema = z
  .strictObject({
    column: columnName,
    transform: transforms.optional(),
    default: z.string().optional().describe("Used when the cell (after transforms) is empty."),
  })
  .describe("The value of a column.");
export const ConstantValueSchema = z.strictObject({ value: z.string() }).describe("A constant value.");
export const TemplateValueSchema = z
  .strictObject({
    template: z.string().describe('Text with {{Column}} placeholders, e.g. "{{Cidade}}/{{UF}}".'),
    transform: transforms.optional(),
  })
  .describe("Text built from several columns.");

/** The keys a value object may have, by the key that selects its kind. */
export const VALUE_KINDS = {
  column: ColumnValueSchema,
  value: ConstantValueSchema,
  template: TemplateValueSchema,
} as const;

/** A blank bare string names no column: it is the literal value (`"chat_add": {"text": " "}` registers a chat silently). */
const blankLiteral = z
  .string()
  .regex(/^\s+$/)
  .transform((value) => ({ value }))
  .describe('Whitespace only: the literal value (e.g. " " for chat_add.text).');

export const ValueSpecSchema = z
  .union([blankLiteral, columnName, ColumnValueSchema, ConstantValueSchema, TemplateValueSchema])
  .describe('A value: a column name, {"column"}, {"value"} or {"template"}; a whitespace-only string is that literal.');

const PhoneObjectSchema = z.strictObject({
  column: columnName.describe("The column holding the WhatsApp number."),
  default_country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected a two-letter country code such as "BR"')
    .default("BR")
    .describe("ISO country assumed for numbers written without +country code."),
});

export const PhoneSpecSchema = z.union([
  columnName.transform((column) => ({ column, default_country: "BR" })),
  PhoneObjectSchema,
]);

export const WriteBackSchema = z
  .strictObject({
    status: columnName.optional(),
    chat_add_id: columnName.optional(),
    chat_number: columnName.optional(),
    error: columnName.optional(),
    synced_at: columnName.optional(),
    message_id: columnName.optional().describe("Only written when the mapping has a message or file."),
    message_status: columnName.optional().describe("Only written when the mapping has a message or file."),
  })
  .describe("Result column names (added to the results file or the sheet).");

export const MappingObjectSchema = z
  .strictObject({
    $schema: z.string().optional(),
    mode: z.enum(["create", "update", "upsert"]).default("upsert").describe("create | update | upsert."),
    phone: PhoneSpecSchema.describe("The WhatsApp number column: a column name or {column, default_country}."),
    key: columnName.optional().describe("The row identity across runs; default = the phone column."),
    name: ValueSpecSchema.optional().describe("chat_add's name; default = the phone number."),
    chat_add: z
      .strictObject({
        text: ValueSpecSchema.optional().describe(
          'First message; default " " (registers the chat, sends nothing visible).',
        ),
        user_id: ValueSpecSchema.optional(),
        dialog_id: ValueSpecSchema.optional(),
      })
      .optional(),
    custom_fields: z
      .record(z.string().min(1), ValueSpecSchema)
      .default({})
      .describe("ChatGuru custom field name (panel or field__ API form) → value."),
    note: ValueSpecSchema.optional().describe("note_add text for each created/updated row."),
    dialog_execute: z.strictObject({ dialog_id: ValueSpecSchema }).optional(),
    message: z
      .strictObject({
        text: ValueSpecSchema.describe("The message; a row whose text is empty gets no message."),
        send_date: ValueSpecSchema.optional().describe(
          "Schedule it: DD/MM/AAAA HH:MM, DD/MM/AAAA (09:00) or ISO 8601, Brasília time; empty = send now.",
        ),
      })
      .optional()
      .describe("message_send once per contact and text (never twice, also after a crash)."),
    file: z
      .strictObject({
        url: ValueSpecSchema.describe("http(s) link ending in the file's extension (.pdf, .jpg…); empty = no file."),
        caption: ValueSpecSchema.optional(),
      })
      .optional()
      .describe("message_file_send once per contact and url."),
    update_name: z
      .boolean()
      .optional()
      .describe("Experimental: chat_update_name when the mapped name differs from the name last sent."),
    context: z
      .record(z.string().min(1), ValueSpecSchema)
      .optional()
      .describe("Experimental: chat_update_context, context variable name → value (sent as var__<Name>)."),
    empty: z.enum(["skip", "clear"]).default("skip").describe('skip: empty values are not sent | clear: sent as "".'),
    write_back: WriteBackSchema.optional(),
  })
  .describe("chatguru-sync column mapping");

export const MappingSchema = MappingObjectSchema.transform(({ write_back, ...mapping }) => ({
  ...mapping,
  write_back: {
    ...DEFAULT_WRITE_BACK,
    ...(mapping.message || mapping.file ? DEFAULT_MESSAGE_WRITE_BACK : {}),
    ...write_back,
  },
}));

/** A normalized mapping: defaults filled, `phone` always an object, `write_back` complete. */
export type Mapping = z.output<typeof MappingSchema>;
/** What the file may contain. */
export type MappingInput = z.input<typeof MappingSchema>;
export type ValueSpec = z.output<typeof ValueSpecSchema>;
export type ColumnValue = z.output<typeof ColumnValueSchema>;
export type TemplateValue = z.output<typeof TemplateValueSchema>;
export type Mode = Mapping["mode"];

/** The JSON Schema committed as mapping.schema.json (describes the file as written, hence io "input"). */
export function buildMappingJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(MappingSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: "chatguru-sync mapping",
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
}
