import { ACTION_NAMES, ACTIONS, isChatGuruAction, isWellFormedActionName } from "../../chatguru/action-table.js";
import { createChatGuruClient } from "../../chatguru/client.js";
import { ChatGuruError, isChatGuruError } from "../../chatguru/errors.js";
import { redact, UsageError } from "../../errors.js";
import type { CliCommand } from "../command.js";
import { exitCodeOf } from "../exit-code.js";
import { numberFlag } from "../flag-values.js";
import { CLI_NAMING } from "../naming.js";
import { check, rules } from "../../options.js";
import { connectionOptions, resolveConnection, type ConnectionFlags } from "../env.js";
import { text as msg } from "../../messages/text.js";
import { ENGLISH } from "../../messages/translate.js";

/** `k=v` pairs; a value may itself contain `=` (URLs, base64), so only the first `=` splits. */
export function parseParams(raw: unknown): Record<string, string> {
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const params: Record<string, string> = {};
  for (const item of list) {
    const text = String(item);
    const at = text.indexOf("=");
    if (at <= 0) throw new UsageError(msg("call.paramInvalid", { text }));
    params[text.slice(0, at)] = text.slice(at + 1);
  }
  return params;
}

/** `  chat_add: chat_number, name` per action: names only ("experimental" is the same word in pt-BR). */
function actionList(): string {
  return ACTION_NAMES.map(
    (name) =>
      `  ${name}${ACTIONS[name].experimental ? " (experimental)" : ""}: ${ACTIONS[name].required.join(", ") || "-"}`,
  ).join("\n");
}

export const callCommand: CliCommand = {
  command: "call <action>",
  describe: "help.cmd.call",
  builder: (y, sp) =>
    y
      .positional("action", { type: "string", describe: sp.t("help.opt.action", { actions: ACTION_NAMES }) })
      .options({
        ...connectionOptions(sp),
        param: {
          alias: "p",
          type: "string",
          array: true,
          describe: sp.t("help.opt.param"),
          default: [] as string[],
        },
        // Untyped and without a yargs default: see numberFlag(). The client's own default is 30 s.
        timeout: { describe: sp.t("help.opt.callTimeout"), defaultDescription: "30" },
      })
      .example("$0 call chat_add_status -p chat_add_id=5dd69c2300078e1be17fffd4", sp.t("help.ex.callStatus"))
      .example(
        '$0 call chat_update_custom_fields -p chat_number=5511987654321 -p "field__Etapa=Proposta"',
        sp.t("help.ex.callField"),
      ),
  run: async (args, io) => {
    const sp = io.speaker ?? ENGLISH;
    const action = String(args.action ?? "");
    if (!isWellFormedActionName(action)) {
      throw new UsageError(msg("call.notAnAction", { action, list: actionList() }), { code: "USAGE_UNKNOWN_ACTION" });
    }
    // Integrators use actions seen outside ChatGuru's document (chat_tags_list…): send them, but say so.
    if (!isChatGuruAction(action)) {
      io.stderr.write(`${sp.t("prefix.warning", { message: msg("call.undocumented", { action }) })}\n`);
    }
    const params = parseParams(args.param);
    // chat_add's text is sent as a real WhatsApp message; a single space registers the chat silently.
    if (action === "chat_add" && params.text === undefined) params.text = " ";
    const typedTimeout = numberFlag(args, "timeout");
    const timeout =
      typedTimeout === undefined
        ? undefined
        : check<number>("timeout", typedTimeout, rules.numberAbove(0, " of seconds"), CLI_NAMING);
    const flags: ConnectionFlags = {
      apiUrl: args.apiUrl as string | undefined,
      apiKey: args.apiKey as string | undefined,
      accountId: args.accountId as string | undefined,
      phoneId: args.phoneId as string | undefined,
      timeout,
    };
    const connection = resolveConnection(flags, io.env, {
      onWarning: (message, said) => io.stderr.write(`${sp.t("prefix.warning", { message: said ?? message })}\n`),
    });
    const client = createChatGuruClient(connection);
    const secrets = [connection.key];
    try {
      const response = await client.call(action, params, { signal: io.signal });
      io.stdout.write(`${redact(JSON.stringify(response, null, 2), secrets)}\n`);
      return 0;
    } catch (error) {
      if (!isChatGuruError(error)) throw error;
      const body = (error as ChatGuruError & { body?: unknown }).body;
      if (body !== undefined) io.stdout.write(`${redact(JSON.stringify(body, null, 2), secrets)}\n`);
      io.stderr.write(`${redact(sp.t("prefix.error", { message: error.text ?? error.message }), secrets)}\n`);
      return exitCodeOf(error);
    } finally {
      client.close();
    }
  },
};
