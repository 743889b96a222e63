import { ChatGuruBadResponseError, ChatGuruParamError } from "./errors.js";
import type { ChatGuruResponse } from "./types.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";

export function namedParams(
  action: string,
  chatNumber: string,
  values: Record<string, string>,
  toApiName: (name: string) => string,
): Record<string, string> {
  const params: Record<string, string> = { chat_number: chatNumber };
  const origin = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) {
    const apiName = toApiName(name);
    const previous = origin.get(apiName);
    if (previous !== undefined) {
      throw new ChatGuruParamError({
        action,
        param: apiName,
        message: text("chatguru.param.sameField", { first: previous, second: name, apiName }),
      });
    }
    origin.set(apiName, name);
    params[apiName] = value;
  }
  if (origin.size === 0) {
    throw new ChatGuruParamError({ action, param: "fields", message: text("chatguru.param.noFields", { action }) });
  }
  return params;
}

export function requireString(response: ChatGuruResponse, field: string, action: string): string {
  const value = response[field];
  if (typeof value === "string" && value !== "") return value;
  throw badField(response, action, field, text("chatguru.badResponse.nonEmptyString"));
}

export function badField(
  response: ChatGuruResponse,
  action: string,
  field: string,
  expected: string | Text,
): ChatGuruBadResponseError {
  return new ChatGuruBadResponseError({
    action,
    httpStatus: typeof response.code === "number" ? response.code : 200,
    excerpt: JSON.stringify(response).slice(0, 160),
    reason: text("chatguru.badResponse.badField", { field, expected }),
  });
}

export function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" && value !== "" ? value : fallback;
}
