import type { Translation } from "../catalog.js";
import type { runEn } from "../en/run.js";
import { list } from "../format-pt.js";

/** What of a row is held, as the engine names it. */
const HELD_PART: Readonly<Record<string, string>> = { dialog: "o diálogo", message: "a mensagem", file: "o arquivo" };

const ou = (items: readonly string[]) =>
  items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ou ${items.at(-1)}`;

export const runPt: Translation<typeof runEn> = {
  "run.interrupted": "Interrompido: o registro de envios foi salvo; rode de novo para continuar.",
  "run.interruptedFlushed":
    "Interrompido: as requisições em andamento terminaram e o registro de envios foi salvo; rode de novo para continuar.",
  "run.validateInterrupted": "Interrompido: a verificação parou, nenhum arquivo de resultados foi gravado.",
  "run.interruptedFinishing": "interrompido: terminando as requisições em andamento",
  "run.stoppedPartWay": (p) =>
    `${p.message} — a sincronização parou no meio; as linhas já sincronizadas estão registradas, rode de novo depois de corrigir isto.`,
  "run.unexpectedError": (p) => `erro inesperado: ${p.message}`,
  "run.resultsKept":
    "os resultados ficaram como estavam (e o arquivo de erros também): a sincronização parou antes de o ChatGuru " +
    "responder por qualquer linha (corrija o erro abaixo e rode de novo)",
  "run.noResultsWritten":
    "nenhum arquivo de resultados foi gravado: a sincronização parou antes de o ChatGuru responder por qualquer linha " +
    "(corrija o erro abaixo e rode de novo)",
  "run.needsConnection":
    "a sincronização precisa dos dados de conexão com o ChatGuru (CHATGURU_API_URL, CHATGURU_API_KEY, CHATGURU_ACCOUNT_ID, CHATGURU_PHONE_ID).",
  "run.learntNotSaved": (p) =>
    `não foi possível guardar o que esta sincronização aprendeu do ChatGuru (${p.message}); a próxima aprende de novo`,
  "run.gaveUp": (p) => `${p.message} (desistiu depois de ${p.attempts} tentativas)`,
  "run.rateLimitedStreak": (p) => `o ChatGuru respondeu 429 (requisições demais) ${p.times} vezes seguidas`,
  "run.rateLimitedStreakAgain": (p) => `${p.message} Rode de novo: as linhas já concluídas não são repetidas.`,
  "run.tooManyFailures": (p) =>
    `Parou depois de ${p.count} requisições seguidas ao ChatGuru com falha (a última: ${p.last}). Confira a URL da API e se o ChatGuru está no ar, depois rode de novo: as linhas já concluídas não são repetidas.`,
  "run.configStop": (p) =>
    `O ChatGuru não conhece ${p.what}: ${p.action ?? "o ChatGuru"} respondeu "${p.description}". Todas as linhas falhariam do mesmo jeito, então a sincronização parou antes de criar mais chats (as linhas não alcançadas mantêm o último resultado, se houver; rode de novo depois de corrigir)`,
  "run.configStopReason": (p) => `o ChatGuru não conhece ${p.what}; terminando as linhas que já estavam em andamento`,
  "run.unknownField": (p) => `o campo personalizado ${p.field}`,
  "run.unknownFieldSentAs": (p) => `"${p.name}" (enviado como ${p.apiName})`,
  "run.unknownFieldQuoted": (p) => `"${p.name}"`,
  "run.unknownFieldEither": (p) => ou(p.names.map((n) => `"${n}"`)),
  "run.unknownDialog": (p) => `o id de diálogo "${p.id}"`,
  "run.unknownUser": (p) => `o id de usuário "${p.id}"`,
  "row.addInProgress":
    "o ChatGuru está adicionando o chat; os campos personalizados/a nota vão quando ele terminar (rode status ou a próxima sincronização)",
  "row.addedNotFinished":
    "o chat foi adicionado, mas a sincronização parou antes de enviar os campos personalizados/a nota; rode de novo para terminar",
  "row.stoppedWhileAdding":
    "a sincronização parou enquanto o ChatGuru adicionava o chat; a próxima confere antes de adicionar de novo",
  "row.uncertain": (p) => {
    const how =
      p.how === "killed"
        ? "a sincronização foi encerrada enquanto ele era enviado"
        : p.how === "lost"
          ? "a resposta se perdeu"
          : "a sincronização foi encerrada ou a resposta se perdeu";
    return (
      (p.actions.length > 1
        ? `${list(p.actions)} para ${p.number} podem ter chegado ou não ao contato (${how}); nunca são enviados de novo sozinhos. `
        : `${list(p.actions)} para ${p.number} pode ter chegado ou não ao contato (${how}); nunca é enviado de novo sozinho. `) +
      `Confira o chat no ChatGuru: se estiver lá, rode de novo com --resolve ${p.row}; se não estiver, rode de novo com ` +
      `--release-held ${p.row} para enviar.`
    );
  },
  "row.lateMessage": (p) => `os campos personalizados, a nota e o nome foram enviados, mas a mensagem não: ${p.late}`,
  "row.capped": (p) =>
    `aguardando a próxima sincronização: esta chegou a --max-messages ${p.max}, então a mensagem ou o arquivo desta linha ainda não foi enviado.`,
  "row.held": (p) => {
    const parts = p.parts.map((part) => HELD_PART[part] ?? part);
    const what = parts.length > 0 ? list(parts) : "o diálogo/a mensagem";
    const many = p.parts.length > 1;
    // Agreement: "a mensagem ficou retida", "o arquivo ficou retido", "a mensagem e o arquivo ficaram retidos".
    const feminine = p.parts.length > 0 && p.parts.every((part) => part === "message");
    const held = many ? (feminine ? "ficaram retidas" : "ficaram retidos") : feminine ? "ficou retida" : "ficou retido";
    const them = many ? (feminine ? "tê-las" : "tê-los") : feminine ? "tê-la" : "tê-lo";
    return (
      `${what} deste chat ${held} (os campos personalizados e a nota foram enviados): ` +
      `uma sincronização anterior pode ${them} enviado — esta linha traz resultados que uma sincronização ` +
      `anterior gravou, ou restam arquivos de um registro de envios perdido — e o registro que saberia se perdeu, enquanto o ` +
      `chat já existe no ChatGuru. Confira o chat no ChatGuru; se não estiver lá, rode de novo com --release-held ${p.row} ` +
      `(ou --release-held para todas as linhas retidas).`
    );
  },
  "row.addDialogSkipped": (p) =>
    `Linha ${p.row}: a resposta do chat_add para ${p.phone} se perdeu e o chat apareceu depois; o diálogo ` +
    `"${p.dialog}" do chat_add não foi executado, já que o chat pode ter existido antes. Se for um lead novo, ` +
    `execute o diálogo pelo ChatGuru.`,
  "row.unexpectedAddStatusDone": (p) =>
    `Linha ${p.row}: o ChatGuru respondeu chat_add_status "${p.value}" para o chat_add ${p.chatAddId}, um valor que esta ` +
    `ferramenta não conhece; o chat existe (o ChatGuru aceitou os campos personalizados), então a linha foi concluída.`,
  "run.credentialsCheck":
    "nenhuma linha precisou do ChatGuru e ele não confirma estas credenciais há 12 horas ou mais: uma requisição " +
    "chat_add_status as confere",
  "row.chatAddRefused": (p) => `o ChatGuru recusou o chat: "${p.description}"`,
  "row.unexpectedAddStatus": (p) =>
    `Linha ${p.row}: o ChatGuru respondeu chat_add_status "${p.value}" para o chat_add ${p.chatAddId}, um valor que esta ` +
    `ferramenta não conhece; o chat fica pendente (não é enviado de novo). Rode "chatguru-sync status" mais tarde para acompanhar.`,
  "row.addUncertain": (p) => {
    const why = p.blank
      ? `as respostas se perderam ${p.times} vezes`
      : `não foi enviado de novo porque manda mensagens de verdade no WhatsApp (${p.dialog ? "um diálogo" : "o texto dele"})`;
    return (
      `a resposta do chat_add para ${p.phone} se perdeu e o chat não apareceu; ${why}. ` +
      `Confira o chat no ChatGuru e rode de novo (se o chat tiver aparecido, ele é atualizado).`
    );
  },
  "row.noChatFor": (p) => `nenhum chat para ${ou(p.numbers)} (${p.error})`,
  "row.stillDuplicate": (p) =>
    `continua a duplicada que era no arquivo de onde esta linha veio: o chat de ${p.phone} já foi ` +
    `sincronizado por outra linha (vale a primeira). Troque o telefone desta linha ou apague a linha; para sincronizar ` +
    `os valores dela mesmo assim, esvazie a célula "${p.column}"`,
};
