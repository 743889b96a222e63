import { chatAdd, createChatGuruClient, getChatAddStatus, updateCustomFields } from "chatguru-sync";

const client = createChatGuruClient({
  apiUrl: process.env.CHATGURU_API_URL ?? "https://s15.chatguru.app/api/v1",
  key: process.env.CHATGURU_API_KEY ?? "",
  accountId: process.env.CHATGURU_ACCOUNT_ID ?? "",
  phoneId: process.env.CHATGURU_PHONE_ID ?? "",
});
try {
  // Panel names work as they are: "Etapa do funil" is sent as field__Etapa_do_funil.
  await updateCustomFields(client, "5511987654321", { "Etapa do funil": "proposta" });
  // A new chat: the add is asynchronous, ask for its status a few seconds later.
  const added = await chatAdd(client, { chatNumber: "5521998761234", name: "Maria Lima" });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const { status } = await getChatAddStatus(client, added.chatAddId);
  console.log(`chat_add ${added.chatAddId}: ${status}`);
} finally {
  client.close();
}
