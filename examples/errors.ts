import {
  createChatGuruClient,
  isChatGuruApiError,
  isChatGuruAuthError,
  isChatGuruRateLimitError,
  isConfigError,
  isSyncError,
  isUsageError,
  sync,
  updateCustomFields,
  type ErrorCode,
} from "chatguru-sync";

const connection = {
  apiUrl: process.env.CHATGURU_API_URL ?? "https://s15.chatguru.app/api/v1",
  key: process.env.CHATGURU_API_KEY ?? "",
  accountId: process.env.CHATGURU_ACCOUNT_ID ?? "",
  phoneId: process.env.CHATGURU_PHONE_ID ?? "",
};

// One call: every failure is a ChatGuruError subclass with a guard and a typed code.
const client = createChatGuruClient(connection);
try {
  await updateCustomFields(client, "5511987654321", { Etapa: "proposta" });
} catch (error) {
  if (isChatGuruAuthError(error)) console.log("check the key, account id and phone id");
  else if (isChatGuruRateLimitError(error)) console.log(`try again in ${error.retryAfterMs ?? 1000} ms`);
  else if (isChatGuruApiError(error) && error.code === "CHATGURU_CHAT_NOT_FOUND")
    console.log("no chat for that number");
  else throw error;
} finally {
  client.close();
}

// A run: what stops it before anything is sent is thrown; a stop part-way is in the report (rows done are recorded).
const whatToDo: Partial<Record<ErrorCode, string>> = {
  MAPPING_UNKNOWN_COLUMN: "fix the column name in the mapping",
  STATE_LOCKED: "another run is using this journal: wait for it",
};
try {
  const report = await sync({ source: "leads.csv", mapping: "mapping.json", connection });
  if (report.error) console.log(`stopped: ${report.error.code}: ${report.error.message}`);
} catch (error) {
  if (!isSyncError(error)) throw error;
  const nothingSent = isUsageError(error) || isConfigError(error);
  console.log(`${nothingSent ? "nothing was sent" : "not started"}: ${whatToDo[error.code] ?? error.message}`);
}
